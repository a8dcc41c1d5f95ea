// Package analyze computes the structure of the relationship graph: blocs, brokers,
// influence and unstable triangles, in Go with gonum, and writes the results back to
// Neo4j for the saved queries blocs, brokers and unbalanced-triads to read.
//
// The signed view. Every relationship between two actors (events excluded) of the
// consult, cooperate or conflict family of graph.Codings, not negated, counts with weight
// articles × |Goldstein score|: positive for consultation and cooperation, negative for
// conflict. The ties of a pair are summed into one signed weight, so a pair that both
// talks and fights is a friend or a foe by its balance of evidence.
//
// Blocs are the communities of the signed graph found by Louvain optimisation of signed
// modularity (Gómez, Jensen and Arenas 2009; the same function as gonum's multiplex
// modularity with a positive layer of weight +1 and a negative layer of weight −1, which a
// test checks): positive ties inside, negative ties across. Bloc 1 is the largest. The
// Louvain steps are this package's own, on slices: gonum's ModularizeMultiplex gives the
// same number of blocs with the same balance on a generated 10k-article graph (12, 0.83) but read weights
// through maps at every step, 30 s of CPU there against 0.2 s.
//
// Balance. A positive tie across two blocs and a negative tie inside one are frustrated:
// they contradict the partition. The balance of the graph is 1 − frustrated weight / total
// weight (1.0 when every friend is in one's bloc and every foe outside it); a bloc's
// balance is the same ratio over the ties that touch it. The share of frustrated weight
// is the frustration of the partition found, an upper bound on the graph's frustration
// index (the least over all partitions, which is NP-hard to compute).
//
// Brokers: betweenness centrality (Brandes, on slices; checked against gonum's) on the cooperation graph (the pairs with a positive
// signed weight, unweighted), normalised by the number of pairs of other actors, so the
// centre of a star scores 1. Influence: PageRank (damping 0.85) on the graph of all three
// families, each relationship weighted by articles × |Goldstein score| and followed both
// ways (who acts and who is acted on are both prominent; one-way links would make the
// targets of attacks the most influential).
//
// Unbalanced triads: triangles of the signed graph with two positive ties and one
// negative ("my friend's friend is my enemy"), strongest first; a triangle's strength is
// the weakest of its three ties.
package analyze

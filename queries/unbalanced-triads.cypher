// description: Unbalanced triads from the latest `dipgraph analyze`: two actors hostile to each other who are both friends of a third ("my friend's friend is my enemy"), strongest first.
// param: actor string = "" — only triads with this actor (name, alias or key); empty for all
// param: limit int = 20 — at most this many triads
// example: dipgraph query run unbalanced-triads
// The run node keeps the strongest triads (dipgraph analyze --max-triads) as parallel
// lists triad_a, triad_b (the hostile pair, by key), triad_c (their common friend) and
// the signed weights of the three pairs (articles × |Goldstein score|, summed over the
// pair's ties); a triad's strength is the weakest of the three; triad_count counts all.
MATCH (run:AnalysisRun)
WITH run ORDER BY run.at DESC LIMIT 1
UNWIND range(0, size(run.triad_a) - 1) AS i
MATCH (a:Entity {key: run.triad_a[i]}), (b:Entity {key: run.triad_b[i]}), (c:Entity {key: run.triad_c[i]})
WHERE $actor = '' OR any(x IN [a, b, c] WHERE x.key = $actor OR toLower(x.name) = toLower($actor)
   OR any(s IN coalesce(x.aliases, []) + coalesce(x.alt_names, []) WHERE toLower(s) = toLower($actor)))
RETURN i + 1 AS rank,
       a.name AS hostile,
       b.name AS and_hostile,
       c.name AS common_friend,
       round(run.triad_ab[i], 1) AS conflict,
       round(run.triad_ac[i], 1) AS friend_of_first,
       round(run.triad_bc[i], 1) AS friend_of_second,
       round(run.triad_strength[i], 1) AS strength,
       run.triad_count AS triads_in_graph
ORDER BY rank
LIMIT $limit

package analyze

// betweenness returns the betweenness centrality of every node of an unweighted
// undirected graph given as adjacency lists, each unordered pair of other nodes counted
// once (Brandes 2001). It gives what gonum's network.Betweenness gives (halved, as that
// counts each pair from both ends; a test compares them) with slices instead of maps:
// about 30 times faster on a generated 10k-article graph, where betweenness dominated.
func betweenness(adj [][]int) []float64 {
	n := len(adj)
	bc := make([]float64, n)
	sigma := make([]float64, n)
	dist := make([]int, n)
	delta := make([]float64, n)
	order := make([]int, 0, n)
	queue := make([]int, 0, n)
	for s := range n {
		if len(adj[s]) == 0 {
			continue
		}
		for i := range n {
			sigma[i], dist[i], delta[i] = 0, -1, 0
		}
		sigma[s], dist[s] = 1, 0
		order, queue = order[:0], append(queue[:0], s)
		for len(queue) > 0 {
			v := queue[0]
			queue = queue[1:]
			order = append(order, v)
			for _, w := range adj[v] {
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					queue = append(queue, w)
				}
				if dist[w] == dist[v]+1 {
					sigma[w] += sigma[v]
				}
			}
		}
		// Predecessors are the neighbours one step closer to s.
		for i := len(order) - 1; i >= 0; i-- {
			w := order[i]
			for _, v := range adj[w] {
				if dist[v] == dist[w]-1 {
					delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
				}
			}
			if w != s {
				bc[w] += delta[w]
			}
		}
	}
	for i := range bc {
		bc[i] /= 2
	}
	return bc
}

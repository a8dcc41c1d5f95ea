package analyze

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
)

// benchGraph is a signed graph shaped like a generated 10k-article corpus's: 3,300 actors,
// about 37,000 signed pairs, a long-tailed degree (a few actors in most pairs), one pair in
// five hostile.
func benchGraph() (int, map[[2]int]float64) {
	const n = 3300
	rnd := rand.New(rand.NewPCG(7, 8))
	net := map[[2]int]float64{}
	pick := func() int { f := rnd.Float64(); return int(f * f * f * n) }
	for len(net) < 37000 {
		a, b := pick(), rnd.IntN(n)
		if a == b {
			continue
		}
		w := float64(1+rnd.IntN(5)) * 2.5
		if rnd.IntN(5) == 0 {
			w = -4 * w
		}
		net[[2]int{min(a, b), max(a, b)}] = w
	}
	return n, net
}

// BenchmarkBlocs compares signedLouvain with gonum's ModularizeMultiplex on the same
// signed graph (go test -bench Blocs ./internal/analyze).
func BenchmarkBlocs(b *testing.B) {
	n, net := benchGraph()
	b.Run("dipgraph", func(b *testing.B) {
		for b.Loop() {
			signedLouvain(n, net, 1)
		}
	})
	b.Run("gonum", func(b *testing.B) {
		pos := simple.NewWeightedUndirectedGraph(0, 0)
		neg := simple.NewWeightedUndirectedGraph(0, 0)
		for i := range n {
			pos.AddNode(simple.Node(i))
			neg.AddNode(simple.Node(i))
		}
		for p, w := range net {
			g := pos
			if w < 0 {
				g = neg
			}
			g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(p[0]), simple.Node(p[1]), w))
		}
		layers, _ := community.NewUndirectedLayers(pos, neg)
		for b.Loop() {
			community.ModularizeMultiplex(layers, []float64{1, -1}, nil, true, rand.NewPCG(1, 2))
		}
	})
}

// BenchmarkBetweenness compares the slice-based Brandes with gonum's on the cooperation
// pairs of the same graph.
func BenchmarkBetweenness(b *testing.B) {
	n, net := benchGraph()
	adj := make([][]int, n)
	g := simple.NewUndirectedGraph()
	for i := range n {
		g.AddNode(simple.Node(i))
	}
	for p, w := range net {
		if w > 0 {
			adj[p[0]] = append(adj[p[0]], p[1])
			adj[p[1]] = append(adj[p[1]], p[0])
			g.SetEdge(g.NewEdge(simple.Node(p[0]), simple.Node(p[1])))
		}
	}
	b.Run("dipgraph", func(b *testing.B) {
		for b.Loop() {
			betweenness(adj)
		}
	})
	b.Run("gonum", func(b *testing.B) {
		for b.Loop() {
			network.Betweenness(g)
		}
	})
}

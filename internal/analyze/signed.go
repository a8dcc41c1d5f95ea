package analyze

import (
	"cmp"
	"container/heap"
	"math"
	"slices"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/dipgraph/dipgraph/graph"
)

// Tie is one stored relationship between two actors.
type Tie struct {
	From, To string // entity keys, in the relationship's direction
	Type     string // relationship type, a key of graph.Codings
	Articles int    // articles that state it
}

// Sign returns +1 for the consult and cooperate families, −1 for conflict and 0 for
// any other type (roles, unknown types), which the signed view leaves out.
func Sign(relType string) int {
	c, ok := graph.CodingOf(relType)
	if !ok {
		return 0
	}
	switch c.Family {
	case "consult", "cooperate":
		return 1
	case "conflict":
		return -1
	}
	return 0
}

// Weight is a tie's unsigned weight: articles × |Goldstein score|.
func (t Tie) Weight() float64 {
	c, _ := graph.CodingOf(t.Type)
	return float64(t.Articles) * math.Abs(c.Goldstein)
}

// Signed is the signed graph of actors: node i is Keys[i]; Net holds one signed weight
// per unordered pair (i < j), Arcs the unsigned weights PageRank uses, in both directions.
type Signed struct {
	Keys []string
	Net  map[[2]int]float64
	Arcs map[[2]int]float64
}

// Build sums ties into the signed graph. Ties of other families and self-ties are
// skipped; a pair whose ties cancel out exactly keeps no signed edge. The ties are taken
// in (From, To, Type) order, so that actors are numbered, and the community search run,
// the same way whatever order the database returned them in.
func Build(ties []Tie) *Signed {
	ties = slices.Clone(ties)
	slices.SortFunc(ties, func(x, y Tie) int {
		return cmp.Or(cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To), cmp.Compare(x.Type, y.Type), cmp.Compare(x.Articles, y.Articles))
	})
	g := &Signed{Net: map[[2]int]float64{}, Arcs: map[[2]int]float64{}}
	index := map[string]int{}
	id := func(k string) int {
		i, ok := index[k]
		if !ok {
			i = len(g.Keys)
			index[k] = i
			g.Keys = append(g.Keys, k)
		}
		return i
	}
	for _, t := range ties {
		s := Sign(t.Type)
		if s == 0 || t.From == t.To || t.Articles <= 0 {
			continue
		}
		a, b := id(t.From), id(t.To)
		w := t.Weight()
		g.Arcs[[2]int{a, b}] += w
		g.Arcs[[2]int{b, a}] += w
		if a > b {
			a, b = b, a
		}
		g.Net[[2]int{a, b}] += float64(s) * w
	}
	for p, w := range g.Net {
		if w == 0 {
			delete(g.Net, p)
		}
	}
	return g
}

// Options tune an analysis.
type Options struct {
	// MaxTriads bounds the unbalanced triads kept (the strongest); all are counted.
	MaxTriads int
	// Seed makes the community search repeatable.
	Seed uint64
}

// Result is what an analysis finds.
type Result struct {
	Actors []Actor // in the order of Signed.Keys
	Blocs  []Bloc  // bloc i+1 is Blocs[i]
	// Balance is 1 − Frustrated/Total over every signed edge (1 when there are none).
	Balance, Frustrated, Total float64
	// Modularity is the signed modularity of the blocs (see signedLouvain), in [−1, 1].
	Modularity float64
	Triads     []Triad // strongest first, at most Options.MaxTriads
	TriadCount int     // every unbalanced triad
}

// Actor is the scores of one actor.
type Actor struct {
	Key         string
	Bloc        int // 1-based, bloc 1 the largest
	Betweenness float64
	PageRank    float64
}

// Bloc sums the ties of one bloc. Internal ties join two members; external ties join a
// member to an actor of another bloc.
type Bloc struct {
	ID, Size                 int
	InternalPos, InternalNeg float64
	ExternalPos, ExternalNeg float64
	// Balance is 1 − (InternalNeg + ExternalPos) / (all four), 1 with no ties.
	Balance float64
}

// Triad is a triangle with two positive ties and one negative: A and B are hostile, C is
// a friend of both. Weights are the pairs' signed weights.
type Triad struct {
	A, B, C    string
	AB, AC, BC float64
	Strength   float64 // the least |weight| of the three ties
}

// Run computes blocs, balance, betweenness, PageRank and unbalanced triads.
func Run(g *Signed, opt Options) (Result, error) {
	n := len(g.Keys)
	res := Result{Actors: make([]Actor, n), Balance: 1}
	for i, k := range g.Keys {
		res.Actors[i].Key = k
	}
	if n == 0 {
		return res, nil
	}
	member, q := bestPartition(n, g.Net, opt.Seed)
	res.Modularity = q
	res.scoreActors(g)
	res.numberBlocs(g, member)
	res.balance(g)
	res.Triads, res.TriadCount = unbalancedTriads(g, opt.MaxTriads)
	return res, nil
}

// louvainStarts is how many seeded runs of signedLouvain bestPartition compares on a graph
// of at most louvainSmall signed pairs (one run above): Louvain ends in a local optimum that
// depends on the order it visits nodes in, and on a small graph the best of several is cheap.
const (
	louvainStarts = 8
	louvainSmall  = 20_000
)

// bestPartition runs signedLouvain from seeds seed, seed+1, … and keeps the partition of
// the highest modularity (the first on a tie).
func bestPartition(n int, net map[[2]int]float64, seed uint64) ([]int, float64) {
	starts := louvainStarts
	if len(net) > louvainSmall {
		starts = 1
	}
	best, bestQ := signedLouvain(n, net, seed)
	for i := 1; i < starts; i++ {
		if m, q := signedLouvain(n, net, seed+uint64(i)); q > bestQ {
			best, bestQ = m, q
		}
	}
	return best, bestQ
}

// scoreActors sets each actor's influence (PageRank on the weighted arcs) and brokerage
// (betweenness on the cooperation graph, normalised so that a star's centre scores 1).
func (res *Result) scoreActors(g *Signed) {
	n := len(g.Keys)
	coop := make([][]int, n)
	for p, w := range g.Net {
		if w > 0 {
			coop[p[0]] = append(coop[p[0]], p[1])
			coop[p[1]] = append(coop[p[1]], p[0])
		}
	}
	dir := simple.NewWeightedDirectedGraph(0, 0)
	for i := range n {
		dir.AddNode(simple.Node(i))
	}
	for a, w := range g.Arcs {
		dir.SetWeightedEdge(dir.NewWeightedEdge(simple.Node(a[0]), simple.Node(a[1]), w))
	}
	pr := network.PageRankSparse(dir, 0.85, 1e-9)
	bc := betweenness(coop)
	norm := 1.0
	if n > 2 {
		norm = float64((n-1)*(n-2)) / 2
	}
	for i := range n {
		res.Actors[i].PageRank = pr[int64(i)]
		res.Actors[i].Betweenness = bc[i] / norm
	}
}

// numberBlocs turns the communities of member into Blocs, the largest first, then by
// total PageRank, then by first key, and sets each actor's bloc.
func (res *Result) numberBlocs(g *Signed, member []int) {
	comms := map[int][]int{}
	for i, c := range member {
		comms[c] = append(comms[c], i)
	}
	type group struct {
		members []int
		rank    float64
		first   string
	}
	groups := make([]group, 0, len(comms))
	for _, c := range comms {
		gr := group{first: "\uffff"}
		for _, m := range c {
			gr.members = append(gr.members, m)
			gr.rank += res.Actors[m].PageRank
			gr.first = min(gr.first, g.Keys[m])
		}
		groups = append(groups, gr)
	}
	slices.SortFunc(groups, func(a, b group) int {
		if c := cmp.Compare(len(b.members), len(a.members)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.rank, a.rank); c != 0 {
			return c
		}
		return cmp.Compare(a.first, b.first)
	})
	res.Blocs = make([]Bloc, len(groups))
	for i, gr := range groups {
		res.Blocs[i] = Bloc{ID: i + 1, Size: len(gr.members)}
		for _, m := range gr.members {
			res.Actors[m].Bloc = i + 1
		}
	}
}

// balance sums the frustrated weight of the partition (positive ties across blocs,
// negative ones inside) for the graph and each bloc.
func (res *Result) balance(g *Signed) {
	for p, w := range g.Net {
		ba, bb := res.Actors[p[0]].Bloc, res.Actors[p[1]].Bloc
		aw := math.Abs(w)
		res.Total += aw
		if (w > 0) != (ba == bb) {
			res.Frustrated += aw
		}
		if ba == bb {
			res.Blocs[ba-1].addTie(w, true)
		} else {
			res.Blocs[ba-1].addTie(w, false)
			res.Blocs[bb-1].addTie(w, false)
		}
	}
	res.Balance = ratio(res.Frustrated, res.Total)
	for i := range res.Blocs {
		b := &res.Blocs[i]
		b.Balance = ratio(b.InternalNeg+b.ExternalPos, b.InternalPos+b.InternalNeg+b.ExternalPos+b.ExternalNeg)
	}
}

// addTie counts a tie of signed weight w that touches the bloc, inside it or across.
func (bl *Bloc) addTie(w float64, internal bool) {
	aw := math.Abs(w)
	switch {
	case internal && w > 0:
		bl.InternalPos += aw
	case internal:
		bl.InternalNeg += aw
	case w > 0:
		bl.ExternalPos += aw
	default:
		bl.ExternalNeg += aw
	}
}

// ratio returns 1 − bad/total, or 1 when total is 0.
func ratio(bad, total float64) float64 {
	if total == 0 {
		return 1
	}
	return 1 - bad/total
}

// unbalancedTriads lists the +,+,− triangles, keeping the keep strongest. Each triangle
// is found once: every edge is oriented from the endpoint of lower (degree, index) rank,
// and a triangle is counted at its lowest-ranked vertex.
func unbalancedTriads(g *Signed, keep int) ([]Triad, int) {
	n := len(g.Keys)
	out := orientedTies(g)
	mark := make([]bool, n)
	h := &triadHeap{}
	count := 0
	for u := range n {
		for _, v := range out[u] {
			mark[v] = true
		}
		for _, v := range out[u] {
			for _, x := range out[v] {
				if !mark[x] || !oneNegative(g.weight(u, v), g.weight(v, x), g.weight(u, x)) {
					continue
				}
				count++
				if keep > 0 {
					h.keep(g.triad(u, v, x), keep)
				}
			}
		}
		for _, v := range out[u] {
			mark[v] = false
		}
	}
	ts := h.items
	slices.SortFunc(ts, func(x, y Triad) int {
		if h.less(x, y) {
			return 1
		}
		if h.less(y, x) {
			return -1
		}
		return 0
	})
	return ts, count
}

// orientedTies gives each node the sorted list of its neighbours of higher (degree,
// index) rank.
func orientedTies(g *Signed) [][]int {
	n := len(g.Keys)
	deg := make([]int, n)
	for p := range g.Net {
		deg[p[0]]++
		deg[p[1]]++
	}
	less := func(a, b int) bool { return deg[a] < deg[b] || deg[a] == deg[b] && a < b }
	out := make([][]int, n)
	for p := range g.Net {
		a, b := p[0], p[1]
		if less(b, a) {
			a, b = b, a
		}
		out[a] = append(out[a], b)
	}
	for i := range out {
		slices.Sort(out[i])
	}
	return out
}

// weight is the signed weight of the pair a, b (0 without a tie).
func (g *Signed) weight(a, b int) float64 {
	if a > b {
		a, b = b, a
	}
	return g.Net[[2]int{a, b}]
}

// oneNegative reports whether exactly one of the three weights is negative.
func oneNegative(ws ...float64) bool {
	negs := 0
	for _, w := range ws {
		if w < 0 {
			negs++
		}
	}
	return negs == 1
}

// triad names the triangle u, v, x (one negative tie): A and B the hostile pair, in key
// order, C their common friend.
func (g *Signed) triad(u, v, x int) Triad {
	var a, b, c int
	switch {
	case g.weight(u, v) < 0:
		a, b, c = u, v, x
	case g.weight(v, x) < 0:
		a, b, c = v, x, u
	default:
		a, b, c = u, x, v
	}
	if g.Keys[a] > g.Keys[b] {
		a, b = b, a
	}
	t := Triad{A: g.Keys[a], B: g.Keys[b], C: g.Keys[c], AB: g.weight(a, b), AC: g.weight(a, c), BC: g.weight(b, c)}
	t.Strength = min(math.Abs(t.AB), t.AC, t.BC)
	return t
}

// triadHeap is a min-heap on strength (ties broken by names), to keep the strongest.
type triadHeap struct{ items []Triad }

func (h *triadHeap) less(x, y Triad) bool {
	if x.Strength != y.Strength {
		return x.Strength < y.Strength
	}
	if x.A != y.A {
		return x.A > y.A
	}
	if x.B != y.B {
		return x.B > y.B
	}
	return x.C > y.C
}

// keep adds t to the heap of at most n triads, dropping the weakest when it is full.
func (h *triadHeap) keep(t Triad, n int) {
	if h.Len() < n {
		heap.Push(h, t)
	} else if h.less(h.items[0], t) {
		h.items[0] = t
		heap.Fix(h, 0)
	}
}

func (h *triadHeap) Len() int           { return len(h.items) }
func (h *triadHeap) Less(i, j int) bool { return h.less(h.items[i], h.items[j]) }
func (h *triadHeap) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *triadHeap) Push(x any)         { h.items = append(h.items, x.(Triad)) }
func (h *triadHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

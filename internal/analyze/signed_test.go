package analyze

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	dg "github.com/dipgraph/dipgraph/graph"
	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
)

// clique returns ties of type typ between every pair of keys.
func clique(typ string, keys ...string) []Tie {
	var out []Tie
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			out = append(out, Tie{From: keys[i], To: keys[j], Type: typ, Articles: 1})
		}
	}
	return out
}

func byKey(r Result) map[string]Actor {
	m := map[string]Actor{}
	for _, a := range r.Actors {
		m[a.Key] = a
	}
	return m
}

func TestTwoHostileCliquesGiveTwoBlocs(t *testing.T) {
	west := []string{"w1", "w2", "w3", "w4"}
	east := []string{"e1", "e2", "e3", "e4"}
	ties := append(clique("COOPERATES_WITH", west...), clique("ALLIED_WITH", east...)...)
	for _, w := range west {
		for _, e := range east {
			ties = append(ties, Tie{From: w, To: e, Type: "FIGHTS", Articles: 2})
		}
	}
	res, err := Run(Build(ties), Options{MaxTriads: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Blocs) != 2 {
		t.Fatalf("%d blocs %+v, want 2", len(res.Blocs), res.Blocs)
	}
	a := byKey(res)
	for _, group := range [][]string{west, east} {
		for _, k := range group {
			if a[k].Bloc != a[group[0]].Bloc {
				t.Errorf("%s in bloc %d, %s in bloc %d", k, a[k].Bloc, group[0], a[group[0]].Bloc)
			}
		}
	}
	if a["w1"].Bloc == a["e1"].Bloc {
		t.Errorf("the hostile cliques share bloc %d", a["w1"].Bloc)
	}
	if res.Balance != 1 || res.Frustrated != 0 {
		t.Errorf("balance %v (frustrated %v of %v), want 1", res.Balance, res.Frustrated, res.Total)
	}
	for _, b := range res.Blocs {
		if b.Size != 4 || b.Balance != 1 || b.InternalNeg != 0 || b.ExternalPos != 0 {
			t.Errorf("bloc %+v, want 4 members and balance 1", b)
		}
	}
	// 6 cooperation pairs × 7.4 per clique inside; 16 fights × 2 articles × 10 across.
	if want := 2*6*7.4 + 16*2*10.0; math.Abs(res.Total-want) > 1e-9 {
		t.Errorf("total weight %v, want %v", res.Total, want)
	}
	if res.Modularity <= 0 || res.Modularity > 1 {
		t.Errorf("modularity %v, want in (0, 1]", res.Modularity)
	}
	if res.TriadCount != 0 || len(res.Triads) != 0 {
		t.Errorf("balanced graph has unbalanced triads: %d %+v", res.TriadCount, res.Triads)
	}
}

func TestStarCentreHasHighestBetweenness(t *testing.T) {
	var ties []Tie
	for i := range 6 {
		ties = append(ties, Tie{From: "hub", To: fmt.Sprintf("leaf%d", i), Type: "SPOKE_WITH", Articles: 1})
	}
	// A conflict edge between two leaves is not a cooperation path.
	ties = append(ties, Tie{From: "leaf0", To: "leaf1", Type: "ATTACKS", Articles: 1})
	res, err := Run(Build(ties), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	a := byKey(res)
	if got := a["hub"].Betweenness; math.Abs(got-1) > 1e-9 {
		t.Errorf("centre betweenness %v, want 1 (on every path between two leaves)", got)
	}
	for k, x := range a {
		if k != "hub" && x.Betweenness != 0 {
			t.Errorf("leaf %s betweenness %v, want 0", k, x.Betweenness)
		}
	}
}

func TestUnbalancedTriangleIsListed(t *testing.T) {
	ties := []Tie{
		{From: "turkey", To: "russia", Type: "MET_WITH", Articles: 3}, // +7.5
		{From: "russia", To: "syria", Type: "BACKED", Articles: 2},    // +18
		{From: "turkey", To: "syria", Type: "ATTACKS", Articles: 1},   // −10
		{From: "a", To: "b", Type: "SPOKE_WITH", Articles: 1},         // a balanced +,+,+ triangle
		{From: "b", To: "c", Type: "SPOKE_WITH", Articles: 1},
		{From: "a", To: "c", Type: "SPOKE_WITH", Articles: 1},
		{From: "x", To: "y", Type: "FIGHTS", Articles: 1}, // −,−,+ is balanced too
		{From: "y", To: "z", Type: "FIGHTS", Articles: 1},
		{From: "x", To: "z", Type: "SPOKE_WITH", Articles: 1},
		{From: "p", To: "q", Type: "SPOKE_WITH", Articles: 1}, // a weaker +,+,− triangle
		{From: "q", To: "s", Type: "SPOKE_WITH", Articles: 1},
		{From: "p", To: "s", Type: "CRITICISED", Articles: 1},
	}
	res, err := Run(Build(ties), Options{MaxTriads: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.TriadCount != 2 || len(res.Triads) != 2 {
		t.Fatalf("%d triads %+v, want the two +,+,− triangles", res.TriadCount, res.Triads)
	}
	got := res.Triads[0]
	want := Triad{A: "syria", B: "turkey", C: "russia", AB: -10, AC: 18, BC: 7.5, Strength: 7.5}
	if got != want {
		t.Errorf("strongest triad %+v, want %+v", got, want)
	}
	if w := res.Triads[1]; w.A != "p" || w.B != "s" || w.C != "q" || w.Strength != 1 {
		t.Errorf("second triad %+v, want p and s hostile, q their friend, strength 1", w)
	}
	// Keeping one keeps the strongest and still counts both.
	res, _ = Run(Build(ties), Options{MaxTriads: 1, Seed: 1})
	if res.TriadCount != 2 || len(res.Triads) != 1 || res.Triads[0] != want {
		t.Errorf("MaxTriads 1: %d %+v", res.TriadCount, res.Triads)
	}
	// The triangle cannot be split without frustration: balance below 1.
	if res.Balance >= 1 {
		t.Errorf("balance %v with an unbalanced triangle, want < 1", res.Balance)
	}
}

func TestBuildSumsAndSkips(t *testing.T) {
	g := Build([]Tie{
		{From: "a", To: "b", Type: "SPOKE_WITH", Articles: 10}, // +10
		{From: "b", To: "a", Type: "CRITICISED", Articles: 5},  // −10: the pair cancels out
		{From: "a", To: "c", Type: "HOLDS_ROLE", Articles: 3},  // a role: not signed
		{From: "a", To: "a", Type: "FIGHTS", Articles: 1},      // a self-tie
		{From: "c", To: "d", Type: "SANCTIONED", Articles: 2},  // −2 × |Goldstein of 163|
	})
	cd := 2 * math.Abs(dg.Codings["SANCTIONED"].Goldstein)
	if len(g.Net) != 1 || g.Net[[2]int{2, 3}] != -cd {
		t.Errorf("net %v keys %v, want only c–d at −%v", g.Net, g.Keys, cd)
	}
	if len(g.Arcs) != 4 || g.Arcs[[2]int{0, 1}] != 20 || g.Arcs[[2]int{3, 2}] != cd {
		t.Errorf("arcs %v, want a–b at 20 and c–d at %v, both ways", g.Arcs, cd)
	}
	res, err := Run(Build(nil), Options{})
	if err != nil || len(res.Blocs) != 0 || res.Balance != 1 {
		t.Errorf("empty graph: %+v %v", res, err)
	}
}

// TestBetweennessAgreesWithGonum compares the slice-based Brandes with gonum's on a
// random graph with several shortest paths between many pairs.
func TestBetweennessAgreesWithGonum(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	const n = 60
	adj := make([][]int, n)
	g := simple.NewUndirectedGraph()
	for i := range n {
		g.AddNode(simple.Node(i))
	}
	for range 150 {
		a, b := rnd.IntN(n), rnd.IntN(n)
		if a == b || g.HasEdgeBetween(int64(a), int64(b)) {
			continue
		}
		g.SetEdge(g.NewEdge(simple.Node(a), simple.Node(b)))
		adj[a] = append(adj[a], b)
		adj[b] = append(adj[b], a)
	}
	want := network.Betweenness(g)
	got := betweenness(adj)
	for i := range n {
		if math.Abs(got[i]-want[int64(i)]/2) > 1e-9 {
			t.Errorf("node %d: %v, gonum %v (halved)", i, got[i], want[int64(i)]/2)
		}
	}
}

// TestSignedModularityAgreesWithGonum checks the objective signedLouvain optimises
// against gonum's multiplex modularity (a positive layer of weight 1 and a negative layer
// of weight −1), and that Louvain finds a partition better than every actor alone.
func TestSignedModularityAgreesWithGonum(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	const n = 40
	net := map[[2]int]float64{}
	for range 120 {
		a, b := rnd.IntN(n), rnd.IntN(n)
		if a == b {
			continue
		}
		w := float64(1 + rnd.IntN(9))
		if rnd.IntN(3) == 0 {
			w = -w
		}
		net[[2]int{min(a, b), max(a, b)}] = w
	}
	member, q := signedLouvain(n, net, 1)

	pos := simple.NewWeightedUndirectedGraph(0, 0)
	neg := simple.NewWeightedUndirectedGraph(0, 0)
	for i := range n {
		pos.AddNode(simple.Node(i))
		neg.AddNode(simple.Node(i))
	}
	var m2 float64
	for p, w := range net {
		if w > 0 {
			pos.SetWeightedEdge(pos.NewWeightedEdge(simple.Node(p[0]), simple.Node(p[1]), w))
		} else {
			neg.SetWeightedEdge(neg.NewWeightedEdge(simple.Node(p[0]), simple.Node(p[1]), w))
		}
		m2 += 2 * math.Abs(w)
	}
	layers, err := community.NewUndirectedLayers(pos, neg)
	if err != nil {
		t.Fatal(err)
	}
	groups := map[int][]graph.Node{}
	for i, c := range member {
		groups[c] = append(groups[c], simple.Node(i))
	}
	var comms [][]graph.Node
	for _, g := range groups {
		comms = append(comms, g)
	}
	qs := community.QMultiplex(layers, comms, []float64{1, -1}, nil)
	t.Logf("ours %v, gonum layers %v, sum/2m %v, %d communities", q, qs, (qs[0]+qs[1])/m2, len(comms))
	if want := (qs[0] + qs[1]) / m2; math.Abs(q-want) > 1e-9 {
		t.Errorf("signed modularity %v, gonum's %v", q, want)
	}
	alone := make([]int, n)
	for i := range alone {
		alone[i] = i
	}
	if q0 := signedModularity(n, net, alone); q <= q0 {
		t.Errorf("Louvain's Q %v is no better than every node alone (%v)", q, q0)
	}
}

// TestOrderOfTiesDoesNotMatter checks that the same ties read in another order (as the
// database may return them) give the same blocs and scores, and that the partition kept
// is at least as modular as the one of the first seed alone. (PageRank converges to
// 1e-9, in an order gonum takes from a map.)
func TestOrderOfTiesDoesNotMatter(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 7))
	types := []string{"MET_WITH", "BACKED", "FIGHTS", "SANCTIONED"}
	var ties []Tie
	for range 400 {
		a, b := rnd.IntN(60), rnd.IntN(60)
		ties = append(ties, Tie{From: fmt.Sprintf("a%02d", a), To: fmt.Sprintf("a%02d", b), Type: types[rnd.IntN(len(types))], Articles: 1 + rnd.IntN(3)})
	}
	first, err := Run(Build(ties), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	shuffled := append([]Tie(nil), ties...)
	rnd.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	second, err := Run(Build(shuffled), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if first.Modularity != second.Modularity || len(first.Blocs) != len(second.Blocs) {
		t.Fatalf("shuffled ties: Q %v and %d blocs, want %v and %d", second.Modularity, len(second.Blocs), first.Modularity, len(first.Blocs))
	}
	a, b := byKey(first), byKey(second)
	for k, x := range a {
		if y := b[k]; x.Bloc != y.Bloc || math.Abs(x.PageRank-y.PageRank) > 1e-8 {
			t.Errorf("%s: %+v from the ties in one order, %+v in another", k, x, y)
		}
	}
	g := Build(ties)
	if _, q := signedLouvain(len(g.Keys), g.Net, 1); first.Modularity < q {
		t.Errorf("kept Q %v is below the first seed's %v", first.Modularity, q)
	}
}

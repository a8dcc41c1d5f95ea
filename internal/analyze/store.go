package analyze

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/neo4jstore"
)

// Store is what an analysis needs of Neo4j.
type Store interface {
	Read(ctx context.Context, cypher string, params map[string]any) ([]neo4jstore.Row, error)
	WriteStatements(ctx context.Context, stmts []neo4jstore.Statement) (neo4jstore.Counters, error)
}

var _ Store = (*neo4jstore.Store)(nil)

// RunLabel is the label of the node that records an analysis and its parameters.
const RunLabel = "AnalysisRun"

// BlocLabels is how many blocs (the largest, of two members or more) also get a label
// Bloc1, Bloc2, … on their members, for the Browser style to colour them.
const BlocLabels = 8

// Params are an analysis run's parameters.
type Params struct {
	From, To    string // YYYY-MM-DD; a relationship counts when last seen on or after From and first seen on or before To; "" for no bound
	MinArticles int    // a relationship counts when this many articles state it
	MaxTriads   int    // unbalanced triads stored, strongest first
	Seed        uint64 // the community search's seed
}

// Summary says what a run read, found and wrote, and how long each step took.
type Summary struct {
	RunID                  string
	Relationships, Actors  int
	Pairs, Blocs           int
	Balance                float64
	TriadCount             int
	Read, Compute, Written time.Duration
}

// String is the line `dipgraph analyze` prints.
func (s Summary) String() string {
	return fmt.Sprintf("analysis %s: %d relationships, %d actors, %d signed pairs; %d blocs (balance %.3f), %d unbalanced triads; read %s, computed %s, wrote %s",
		s.RunID, s.Relationships, s.Actors, s.Pairs, s.Blocs, s.Balance, s.TriadCount,
		s.Read.Round(time.Millisecond), s.Compute.Round(time.Millisecond), s.Written.Round(time.Millisecond))
}

// signedTypes are the relationship types of the families the signed view reads, sorted.
func signedTypes() []string {
	var out []string
	for t := range graph.Codings {
		if Sign(t) != 0 {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// ReadTies reads the relationships between actors that the signed view counts.
func ReadTies(ctx context.Context, st Store, p Params) ([]Tie, error) {
	// The type list comes from graph.Codings, not from input; only these types are expanded.
	q := `MATCH (a:` + graph.EntityLabel + `)-[r:` + strings.Join(signedTypes(), "|") + `]->(b:` + graph.EntityLabel + `)
WHERE r.status <> 'negated' AND a <> b AND NOT a:Event AND NOT b:Event
  AND coalesce(r.article_count, 0) >= $min
  AND ($from IS NULL OR r.last_seen >= date($from))
  AND ($to IS NULL OR r.first_seen <= date($to))
RETURN a.key, b.key, type(r), r.article_count`
	params := map[string]any{"min": int64(max(p.MinArticles, 1)), "from": nullable(p.From), "to": nullable(p.To)}
	rows, err := st.Read(ctx, q, params)
	if err != nil {
		return nil, fmt.Errorf("read relationships: %w", err)
	}
	ties := make([]Tie, 0, len(rows))
	for _, r := range rows {
		a, _ := r.Values[0].(string)
		b, _ := r.Values[1].(string)
		typ, _ := r.Values[2].(string)
		n, _ := r.Values[3].(int64)
		ties = append(ties, Tie{From: a, To: b, Type: typ, Articles: int(n)})
	}
	return ties, nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Analyze reads the graph, computes the analysis and writes it back: the run node with
// its parameters, bloc sizes and balances and the strongest unbalanced triads, and on
// every actor analysed bloc, bloc_run, betweenness and pagerank (the previous run's
// results are removed first, all in one transaction).
func Analyze(ctx context.Context, st Store, p Params, log *slog.Logger) (Summary, Result, error) {
	var sum Summary
	t0 := time.Now()
	ties, err := ReadTies(ctx, st, p)
	if err != nil {
		return sum, Result{}, err
	}
	sum.Read = time.Since(t0)
	log.Debug("read relationships", "count", len(ties), "took", sum.Read)

	t1 := time.Now()
	g := Build(ties)
	res, err := Run(g, Options{MaxTriads: p.MaxTriads, Seed: p.Seed})
	if err != nil {
		return sum, res, err
	}
	sum.Compute = time.Since(t1)

	at := time.Now().UTC()
	sum.RunID = "run-" + at.Format("20060102T150405.000Z")
	sum.Relationships, sum.Actors, sum.Pairs = len(ties), len(g.Keys), len(g.Net)
	sum.Blocs, sum.Balance, sum.TriadCount = len(res.Blocs), res.Balance, res.TriadCount

	t2 := time.Now()
	if _, err := st.WriteStatements(ctx, statements(sum.RunID, at, p, sum, res)); err != nil {
		return sum, res, fmt.Errorf("write analysis: %w", err)
	}
	sum.Written = time.Since(t2)
	return sum, res, nil
}

// statements writes a run's results in place of the previous run's.
func statements(id string, at time.Time, p Params, sum Summary, res Result) []neo4jstore.Statement {
	var labels []string
	for i := 1; i <= BlocLabels; i++ {
		labels = append(labels, fmt.Sprintf("Bloc%d", i))
	}
	run := map[string]any{
		"id": id, "at": at, "from": nullable(p.From), "to": nullable(p.To),
		"min_articles": int64(max(p.MinArticles, 1)), "max_triads": int64(p.MaxTriads), "seed": int64(p.Seed),
		"relationships": int64(sum.Relationships), "actors": int64(sum.Actors), "pairs": int64(sum.Pairs),
		"blocs": int64(len(res.Blocs)), "balance": res.Balance, "frustrated_weight": res.Frustrated,
		"total_weight": res.Total, "modularity": res.Modularity, "triad_count": int64(res.TriadCount),
	}
	cols := map[string][]any{}
	for _, b := range res.Blocs {
		cols["bloc_id"] = append(cols["bloc_id"], int64(b.ID))
		cols["bloc_size"] = append(cols["bloc_size"], int64(b.Size))
		cols["bloc_balance"] = append(cols["bloc_balance"], b.Balance)
		cols["bloc_internal_pos"] = append(cols["bloc_internal_pos"], b.InternalPos)
		cols["bloc_internal_neg"] = append(cols["bloc_internal_neg"], b.InternalNeg)
		cols["bloc_external_pos"] = append(cols["bloc_external_pos"], b.ExternalPos)
		cols["bloc_external_neg"] = append(cols["bloc_external_neg"], b.ExternalNeg)
	}
	for _, t := range res.Triads {
		cols["triad_a"] = append(cols["triad_a"], t.A)
		cols["triad_b"] = append(cols["triad_b"], t.B)
		cols["triad_c"] = append(cols["triad_c"], t.C)
		cols["triad_ab"] = append(cols["triad_ab"], t.AB)
		cols["triad_ac"] = append(cols["triad_ac"], t.AC)
		cols["triad_bc"] = append(cols["triad_bc"], t.BC)
		cols["triad_strength"] = append(cols["triad_strength"], t.Strength)
	}
	for _, k := range []string{"bloc_id", "bloc_size", "bloc_balance", "bloc_internal_pos", "bloc_internal_neg", "bloc_external_pos", "bloc_external_neg",
		"triad_a", "triad_b", "triad_c", "triad_ab", "triad_ac", "triad_bc", "triad_strength"} {
		if cols[k] == nil {
			cols[k] = []any{}
		}
		run[k] = cols[k]
	}

	actors := make([]map[string]any, 0, len(res.Actors))
	var labelled []map[string]any
	for _, a := range res.Actors {
		actors = append(actors, map[string]any{"key": a.Key, "bloc": int64(a.Bloc), "betweenness": a.Betweenness, "pagerank": a.PageRank})
		if a.Bloc <= BlocLabels && res.Blocs[a.Bloc-1].Size > 1 {
			labelled = append(labelled, map[string]any{"key": a.Key, "label": fmt.Sprintf("Bloc%d", a.Bloc)})
		}
	}
	e := graph.EntityLabel
	return []neo4jstore.Statement{
		{Cypher: `MATCH (n:` + e + `) WHERE n.bloc_run IS NOT NULL REMOVE n.bloc, n.bloc_run, n.betweenness, n.pagerank, n:` + strings.Join(labels, ":")},
		{Cypher: `MATCH (r:` + RunLabel + `) DETACH DELETE r`},
		{Cypher: `CREATE (r:` + RunLabel + `) SET r = $run`, Params: map[string]any{"run": run}},
		{Cypher: `UNWIND $rows AS row MATCH (n:` + e + ` {key: row.key})
SET n.bloc = row.bloc, n.bloc_run = $id, n.betweenness = row.betweenness, n.pagerank = row.pagerank`,
			Params: map[string]any{"rows": actors, "id": id}},
		{Cypher: `UNWIND $rows AS row MATCH (n:` + e + ` {key: row.key}) SET n:$(row.label)`, Params: map[string]any{"rows": labelled}},
	}
}

// BlocColours are the colours of blocs 1 to BlocLabels, in the Browser style
// (scripts/browser/style.grass, node.Bloc1 …) and in reports.
var BlocColours = [BlocLabels]string{"#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#B07AA1", "#76B7B2", "#EDC948", "#9C755F"}

package bench

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/queries"
)

// importDir returns the import folder of the test server: NEO4J_IMPORT_DIR, else the one
// scripts/neo4j-local configures under NEO4J_LOCAL_HOME (or the test server's home).
func importDir() string {
	if d := os.Getenv("NEO4J_IMPORT_DIR"); d != "" {
		return d
	}
	if h := os.Getenv("NEO4J_LOCAL_HOME"); h != "" {
		return filepath.Join(h, "import")
	}
	return filepath.Join("..", "..", ".neo4j", "test-server", "import")
}

// TestRunTiny runs every variant on a 20-article corpus against the real server, so the
// benchmark cannot rot, and checks that the loaders agree on the graph they write.
func TestRunTiny(t *testing.T) {
	if testing.Short() {
		t.Skip("needs Neo4j")
	}
	neo4jtest.Lock(t)
	c := neo4jtest.Config()
	imp := importDir()
	if _, err := os.Stat(imp); err != nil {
		neo4jtest.Unreachable(t, err) // without the server's import folder, (f) cannot run
	}
	const n = 20
	corpus := t.TempDir()
	// (g) runs when `make bench` has made its Python environment; skipped otherwise.
	python := filepath.Join(neo4jtest.RepoRoot(t), ".bench-venv", "bin", "python")
	if _, err := os.Stat(python); err != nil {
		t.Logf("no %s: (g) is skipped", python)
		python = ""
	}
	rep, err := Run(context.Background(), Config{
		Conn:        ConnConfig{URI: c.URI, Username: c.Username, Password: c.Password, Database: c.Database},
		Corpus:      corpus,
		Articles:    n,
		Seed:        3,
		NaiveSample: 5,
		DBatchSize:  7,
		ImportDir:   imp,
		QueryRuns:   3,
		Python:      python,
		PeerScript:  filepath.Join(neo4jtest.RepoRoot(t), "scripts", "peer-load.py"),
	})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*Variant{}
	for _, v := range rep.Variants {
		byID[v.ID] = v
		if v.Wall <= 0 || v.ArticlesPerSec <= 0 {
			t.Errorf("(%s) has no timing: %+v", v.ID, v)
		}
	}
	for _, id := range []string{"parse", "a", "b", "c", "d", "e", "f"} {
		if byID[id] == nil {
			t.Fatalf("variant (%s) missing from the report", id)
		}
	}
	if rep.Corpus.Articles != n || rep.Graph.Nodes == 0 || rep.Graph.Rels == 0 {
		t.Fatalf("corpus %+v, graph %+v", rep.Corpus, rep.Graph)
	}
	// Every loader that writes the whole corpus writes the same graph as dipgraph.
	for _, id := range []string{"b", "d", "f", "g"} {
		v := byID[id]
		if v == nil && id == "g" && python == "" {
			continue
		}
		if v == nil {
			t.Fatalf("variant (%s) missing from the report", id)
		}
		if v.Nodes != rep.Graph.Nodes || v.Rels != rep.Graph.Rels {
			t.Errorf("(%s) created %d nodes and %d relationships; dipgraph's graph has %d and %d", id, v.Nodes, v.Rels, rep.Graph.Nodes, rep.Graph.Rels)
		}
	}
	// (f) runs last: the database holds its graph, which must be dipgraph's to the property.
	st := neo4jtest.Connect(t)
	ceiling, err := st.GraphFingerprint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	neo4jtest.Clear(t, st)
	srcs, _, err := ingest.Discover([]string{corpus}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := load.Run(context.Background(), srcs, st, load.Options{}); err != nil {
		t.Fatal(err)
	}
	if loaded, err := st.GraphFingerprint(context.Background()); err != nil || loaded != ceiling {
		t.Errorf("(f) loaded %s, dipgraph %s (%v)", ceiling, loaded, err)
	}
	if a := byID["a"]; !a.Scaled || a.Articles != 5 || a.Wall <= a.Measured {
		t.Errorf("(a) should be a sample of 5 scaled to %d articles: %+v", n, a)
	}
	if e := byID["e"]; !strings.HasPrefix(e.Check, "ok") || e.Nodes != 0 || e.Rels != 0 {
		t.Errorf("(e) re-ingest check: %q, created %d nodes, %d relationships", e.Check, e.Nodes, e.Rels)
	}
	if c := byID["c"]; c.SpeedVsC != 1 || c.PeakRSS <= 0 {
		t.Errorf("(c) speed %v, peak RSS %d", c.SpeedVsC, c.PeakRSS)
	}
	set, err := queries.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Queries) != len(set.All()) {
		t.Errorf("timed %d saved queries, there are %d", len(rep.Queries), len(set.All()))
	}
	for _, q := range rep.Queries {
		if q.P50 <= 0 || q.P95 < q.P50 || q.Max < q.P95 {
			t.Errorf("query %s: p50 %v p95 %v max %v", q.Name, q.P50, q.P95, q.Max)
		}
	}
	if len(rep.Targets) < 4 {
		t.Errorf("targets: %+v", rep.Targets)
	}
	var md bytes.Buffer
	rep.Markdown(&md)
	for _, want := range []string{"| (c) dipgraph ingest", "(scaled)", "| saved query |", "| target |"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md.String())
		}
	}
}

func TestParamSets(t *testing.T) {
	q, err := queries.Parse("x", `// description: d
// param: actor string — name of the actor
// param: limit int = 5 — rows
// example: dipgraph query run x --param actor="John Kerry" --param limit=3
MATCH (a {name: $actor}) RETURN a LIMIT $limit`, "x.cypher")
	if err != nil {
		t.Fatal(err)
	}
	got := paramSets(q, []string{"Russia"})
	// The head actor replaces the example's actor and keeps its other parameters.
	want := [][]string{{"actor=John Kerry", "limit=3"}, {"actor=Russia", "limit=3"}}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if strings.Join(got[i], "&") != strings.Join(want[i], "&") {
			t.Errorf("set %d: got %q, want %q", i, got[i], want[i])
		}
		if _, err := q.BindParams(got[i]); err != nil {
			t.Errorf("set %d does not bind: %v", i, err)
		}
	}
}

func TestPercentile(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}
	for _, c := range []struct {
		p    float64
		want float64
	}{{0.5, 10}, {0.95, 19}, {1, 20}, {0, 1}} {
		if got := percentile(xs, c.p); got != c.want {
			t.Errorf("percentile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
}

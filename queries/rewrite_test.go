package queries_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/generate"
	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/neo4jstore"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/queries"
)

// TestRewrittenQueriesAnswerAsBefore runs each query rewritten for speed beside the text it
// replaced (testdata/reference), on a small generated graph, for the busiest actors, with
// and without $as_of: the rows must be the same, every column, up to the order of the
// elements of the link lists (which neither text fixes).
func TestRewrittenQueriesAnswerAsBefore(t *testing.T) {
	st := neo4jtest.Open(t)
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := generate.Write(ctx, dir, generate.Options{Articles: 150, Seed: 5, Actors: 40}); err != nil {
		t.Fatal(err)
	}
	srcs, _, err := ingest.Discover([]string{dir}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := load.Run(ctx, srcs, st, load.Options{}); err != nil {
		t.Fatal(err)
	}
	actors := column(t, st, `MATCH (e:Entity) WHERE NOT e:Event RETURN e.name ORDER BY COUNT { (e)--() } DESC, e.name LIMIT 4`)
	// The middle publication date, so that as_of leaves some evidence out and keeps some.
	asOf := column(t, st, `MATCH (ev:Evidence) WITH ev.published AS p ORDER BY p WITH collect(toString(p)) AS ps RETURN ps[size(ps) / 2]`)[0]
	set, err := queries.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob(filepath.Join("testdata", "reference", "*.cypher"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no reference queries: %v", err)
	}
	nonEmpty := 0
	for _, path := range names {
		name := filepath.Base(path[:len(path)-len(".cypher")])
		ref, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		q, err := set.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range paramSets(name, actors) {
			for _, date := range []string{"", asOf} {
				p, err := q.Bind(args, date)
				if err != nil {
					t.Fatal(err)
				}
				want, got := rows(t, st, string(ref), p), rows(t, st, q.Body, p)
				if !slices.Equal(got, want) {
					t.Errorf("%s %q as_of=%q: %d rows\n%v\nthe reference gives %d\n%v", name, args, date, len(got), got, len(want), want)
				}
				if len(want) > 0 {
					nonEmpty++
				}
			}
		}
	}
	if nonEmpty == 0 {
		t.Error("no comparison had a row: the graph does not exercise the queries")
	}
}

// paramSets returns the parameters to compare a query with: every ordered pair of the
// actors (an actor with itself too) for the two-actor queries.
func paramSets(name string, actors []string) [][]string {
	if name == "excluded-from" {
		return [][]string{{"agreement="}, {"agreement=ceasefire"}, {"agreement=" + actors[0]}}
	}
	var sets [][]string
	for _, a := range actors {
		for _, b := range actors {
			sets = append(sets, []string{"a=" + a, "b=" + b})
		}
	}
	return sets
}

// rows runs a query and returns its rows as JSON text, list values sorted, in the order
// the query returns them.
func rows(t *testing.T, st *neo4jstore.Store, cypher string, p map[string]any) []string {
	t.Helper()
	rs, err := st.Read(context.Background(), cypher, p)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rs {
		m := map[string]any{}
		for i, k := range r.Keys {
			v := r.Values[i]
			if l, ok := v.([]any); ok {
				v = sortedJSON(l)
			}
			m[k] = v
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

func sortedJSON(l []any) []string {
	var s []string
	for _, v := range l {
		b, _ := json.Marshal(v)
		s = append(s, string(b))
	}
	slices.Sort(s)
	return s
}

// column returns the first column of a query's rows as text.
func column(t *testing.T, st *neo4jstore.Store, cypher string) []string {
	t.Helper()
	rs, err := st.Read(context.Background(), cypher, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rs {
		s, _ := r.Values[0].(string)
		out = append(out, s)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no rows", cypher)
	}
	return out
}

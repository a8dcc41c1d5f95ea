package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/internal/neo4jstore"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/internal/render"
)

// graphCounts returns the numbers of nodes and relationships and a digest of their labels
// and types, to show that a refused input left the database untouched.
func graphCounts(t *testing.T, st *neo4jstore.Store) string {
	t.Helper()
	rows, err := st.Read(context.Background(), `
RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS rels,
       COLLECT { MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l ORDER BY l } AS labels,
       COLLECT { MATCH ()-[r]->() RETURN DISTINCT type(r) AS t ORDER BY t } AS types`, nil)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(render.Text(rows[0].Values))
}

// TestTypeNamesCannotWriteCypher feeds entity and relation types that try to break out of a
// label or relationship type; the article is refused with a clear message and nothing in
// the database changes.
func TestTypeNamesCannotWriteCypher(t *testing.T) {
	st := neo4jtest.Open(t)
	if code, out, errOut := dipgraph(t, "ingest", examplesDir(t)); code != 0 {
		t.Fatalf("ingest examples: exit %d\n%s%s", code, out, errOut)
	}
	before := graphCounts(t, st)

	text := "Kerry met Lavrov.\n"
	cases := map[string]string{
		"label backtick":  "T1\tPerson`)_DETACH_DELETE_n_// 0 5\tKerry\nT2\tPerson 10 16\tLavrov\n",
		"label quote":     "T1\tPerson'} 0 5\tKerry\nT2\tPerson 10 16\tLavrov\n",
		"label semicolon": "T1\tPerson;MATCH(n)DETACH_DELETE(n) 0 5\tKerry\nT2\tPerson 10 16\tLavrov\n",
		"reltype backtick": "T1\tPerson 0 5\tKerry\nT2\tPerson 10 16\tLavrov\n" +
			"R1\tMET]->(x)_DETACH_DELETE_x_//` Arg1:T1 Arg2:T2\n",
		"reltype brace": "T1\tPerson 0 5\tKerry\nT2\tPerson 10 16\tLavrov\n" +
			"R1\tMET{x:1}]-() Arg1:T1 Arg2:T2\n",
		"role backtick": "T1\tPerson 0 5\tKerry\nT2\tPerson 10 16\tLavrov\nT3\tMeeting 6 9\tmet\n" +
			"E1\tMeeting:T3 Agent`]->()_DELETE_x:T1\n",
	}
	for name, ann := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			base := filepath.Join(dir, "evil")
			if err := os.WriteFile(base+".txt", []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(base+".ann", []byte(ann), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := dipgraph(t, "ingest", dir)
			if code != app.ExitFailure {
				t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", code, out, errOut)
			}
			if !strings.Contains(errOut, base+".ann:") || !strings.Contains(errOut, "type") {
				t.Errorf("want a positioned message about the type name, got:\n%s", errOut)
			}
			if !strings.Contains(out, "1 invalid") {
				t.Errorf("summary does not count the article as invalid: %s", out)
			}
			if after := graphCounts(t, st); after != before {
				t.Errorf("database changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

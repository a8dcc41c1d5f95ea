package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/internal/generate"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/internal/render"
)

// referenceQueries are plain formulations of the saved queries that are written for speed
// (type scans joined on their ends, floors from the count store): they read every
// relationship of the graph, test families by the relationship's family property rather
// than by type lists, and aggregate once. The saved queries must answer the same.
var referenceQueries = map[string]string{
	"contradictions-reference": `// description: reference formulation of contradictions (tests only)
// param: actor string = "" — key of the actor; empty for all pairs
// param: as_of date = "" — as of this date
// param: limit int = 0 — at most this many pairs; 0 for all
MATCH (x)-[r]-(y)
WHERE r.family IS NOT NULL AND r.status <> 'negated' AND x <> y
  AND CASE WHEN $actor = '' THEN elementId(x) < elementId(y) ELSE x.key = $actor END
  AND ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of) })
WITH x, y, r, CASE WHEN $as_of IS NULL THEN r.last_seen
              ELSE COLLECT { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of)
                             RETURN ev.published AS p ORDER BY p DESC LIMIT 1 }[0] END AS last
WITH x, y, collect(r) AS rs, min(r.first_seen) AS first_seen, max(last) AS last_seen
WHERE any(r IN rs WHERE r.family = 'conflict')
  AND any(r IN rs WHERE r.family IN ['consult', 'cooperate'] OR type(r) = 'PARTICIPATED_IN')
UNWIND rs AS r
WITH x, y, r, first_seen, last_seen,
     CASE startNode(r) WHEN x THEN x.name ELSE y.name END + ' ' + toLower(replace(type(r), '_', ' ')) + ' ' +
     CASE endNode(r) WHEN x THEN x.name ELSE y.name END AS link
WITH x, y, first_seen, last_seen,
     collect(DISTINCT CASE WHEN r.family IN ['consult', 'cooperate'] OR type(r) = 'PARTICIPATED_IN' THEN link END) AS cooperation,
     collect(DISTINCT CASE WHEN r.family = 'conflict' THEN link END) AS conflict
WITH CASE WHEN x.name < y.name OR (x.name = y.name AND elementId(x) < elementId(y)) THEN [x.name, y.name] ELSE [y.name, x.name] END AS pair,
     cooperation, conflict, first_seen, last_seen
RETURN pair[0] AS one, pair[1] AS other, cooperation, conflict, first_seen, last_seen
ORDER BY last_seen DESC, one, other
LIMIT CASE WHEN $limit > 0 THEN $limit ELSE 4611686018427387904 END
`,
	"most-connected-reference": `// description: reference formulation of most-connected (tests only)
// param: from date = 1900-01-01 — from
// param: to date = 2999-12-31 — to
// param: limit int = 10 — limit
// param: as_of date = "" — as of this date
MATCH (n:Entity)-[r]-(m)
WHERE NOT n:Event AND r.family IN ['consult', 'cooperate', 'conflict'] AND r.status <> 'negated'
  AND r.last_seen >= date($from) AND r.first_seen <= date($to)
  AND ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: r.key}) WHERE date($from) <= ev.published <= date($as_of) })
WITH n, count(DISTINCT m) AS degree,
     count(DISTINCT CASE r.family WHEN 'consult' THEN m END) AS consult,
     count(DISTINCT CASE r.family WHEN 'cooperate' THEN m END) AS cooperate,
     count(DISTINCT CASE r.family WHEN 'conflict' THEN m END) AS conflict,
     sum(CASE WHEN $as_of IS NULL THEN r.mention_count
         ELSE COUNT { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of) } END) AS mentions
WITH n, n.name AS actor, degree, consult, cooperate, conflict, mentions
ORDER BY degree DESC, mentions DESC, actor
LIMIT $limit
RETURN actor, [l IN labels(n) WHERE NOT l IN ['Entity', 'Event']][0] AS kind,
       degree, consult, cooperate, conflict, mentions
`,
}

// sameAnswer runs the saved query and its reference with the same parameters and fails
// when the rows differ (a list column is compared as a sorted list: the order in which
// the links of a pair are listed is not part of the answer).
func sameAnswer(t *testing.T, refDir, name string, params ...string) int {
	t.Helper()
	t.Setenv("DIPGRAPH_QUERIES", "")
	got := normalRows(queryRows(t, name, params...))
	t.Setenv("DIPGRAPH_QUERIES", refDir)
	want := normalRows(queryRows(t, name+"-reference", params...))
	if !slices.Equal(got, want) {
		t.Errorf("%s %v: %d rows, the reference gives %d", name, params, len(got), len(want))
		for i := 0; i < len(got) || i < len(want); i++ {
			var g, w string
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("first difference at row %d:\n got %s\nwant %s", i, g, w)
				break
			}
		}
	}
	return len(got)
}

func normalRows(rows []map[string]any) []string {
	var out []string
	for _, r := range rows {
		m := map[string]any{}
		for k, v := range r {
			if l, ok := v.([]any); ok {
				s := strs(l)
				slices.Sort(s)
				m[k] = s
			} else {
				m[k] = render.Text(v)
			}
		}
		b, _ := json.Marshal(m)
		out = append(out, string(b))
	}
	return out
}

// TestSpeedWrittenQueriesMatchTheirReference loads a generated corpus through the bulk
// path, adds the example corpus incrementally, replaces and retracts articles, and after
// each step compares contradictions and most-connected with their plain formulations.
func TestSpeedWrittenQueriesMatchTheirReference(t *testing.T) {
	neo4jtest.Lock(t)
	refDir := t.TempDir()
	for name, text := range referenceQueries {
		if err := os.WriteFile(filepath.Join(refDir, name+".cypher"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	corpus := t.TempDir()
	if _, err := generate.Write(context.Background(), corpus, generate.Options{Articles: 400, Seed: 11, Actors: 60}); err != nil {
		t.Fatal(err)
	}
	compare := func(step string) {
		t.Helper()
		n := sameAnswer(t, refDir, "contradictions", "limit=0")
		if n == 0 && step != "retracted" {
			t.Errorf("%s: no contradiction at all, the comparison proves nothing", step)
		}
		// The saved query cuts the list to $limit pairs before it writes their links out.
		if cut := sameAnswer(t, refDir, "contradictions", "limit=5"); cut != min(n, 5) {
			t.Errorf("%s: contradictions limit=5 gave %d rows of %d", step, cut, n)
		}
		sameAnswer(t, refDir, "contradictions", "as_of=2016-06-30", "limit=0")
		sameAnswer(t, refDir, "contradictions", "as_of=2016-06-30", "limit=3")
		sameAnswer(t, refDir, "contradictions", "actor=wikidata:Q159", "limit=0")
		sameAnswer(t, refDir, "contradictions", "actor=wikidata:Q159", "as_of=2017-01-01", "limit=0")
		for _, p := range [][]string{
			{"from=2016-01-01", "to=2016-12-31"},
			{"limit=3"},
			{"from=2016-03-01", "to=2016-05-31", "limit=25"},
			{"from=2016-01-01", "to=2016-12-31", "limit=40", "as_of=2016-08-01"},
		} {
			if n := sameAnswer(t, refDir, "most-connected", p...); n == 0 {
				t.Errorf("%s: most-connected %v has no row, the comparison proves nothing", step, p)
			}
		}
	}
	if code, out, errOut := dipgraph(t, "ingest", corpus); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errOut)
	}
	compare("bulk load")
	if code, out, errOut := dipgraph(t, "ingest", examplesDir(t)); code != 0 {
		t.Fatalf("ingest examples: exit %d\n%s%s", code, out, errOut)
	}
	compare("incremental load")
	// A correction: an article's annotations change (its relations dropped), so its old
	// evidence is replaced.
	first := filepath.Join(corpus, "0000", "gen-0000000.ann")
	ann, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(string(ann), "\n") {
		f := strings.Fields(line)
		relation := len(f) > 0 && strings.HasPrefix(f[0], "R")
		onRelation := len(f) > 2 && strings.HasPrefix(f[0], "A") && strings.HasPrefix(f[2], "R")
		if !relation && !onRelation {
			kept = append(kept, line)
		}
	}
	if err := os.WriteFile(first, []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := dipgraph(t, "ingest", corpus); code != 0 {
		t.Fatalf("re-ingest after a correction: exit %d\n%s%s", code, out, errOut)
	}
	compare("corrected")
	ids := []string{"retract"}
	for i := 1; i < 400; i += 3 {
		ids = append(ids, fmt.Sprintf("gen-%07d", i))
	}
	if code, out, errOut := dipgraph(t, ids...); code != 0 {
		t.Fatalf("retract: exit %d\n%s%s", code, out, errOut)
	}
	compare("retracted")
}

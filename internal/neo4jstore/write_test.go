package neo4jstore

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/schema"
	"github.com/dipgraph/dipgraph/internal/store/storetest"
)

// asStored turns a value the way a round trip through Neo4j does: lists come back as []any.
func asStored(v any) any {
	switch x := v.(type) {
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = asStored(e)
		}
		return out
	}
	return v
}

// mergedEntity returns what graph.Merge over parts gives for key, and the store's
// properties of it.
func mergedEntity(t *testing.T, parts []*graph.ArticleGraph, key string) (graph.Node, map[string]any) {
	t.Helper()
	articles, last := 0, ""
	for _, p := range parts {
		for _, m := range p.Mentions {
			if m.Key == key {
				articles++
				last = max(last, p.Article.ID)
			}
		}
	}
	for _, n := range graph.Merge(parts).Nodes {
		if n.Key == key {
			return n, schema.EntityProps(n, articles, last)
		}
	}
	t.Fatalf("no entity %s in the merge", key)
	return graph.Node{}, nil
}

// TestUpdateFromStoredStateIsTheMerge checks the loader's shortcut: an entity updated from
// its stored properties and a batch of later articles gets what graph.Merge over every
// article gives; a batch with an article before the stored ones, or an entity that lost
// a mention, is sent to a full recomputation instead.
func TestUpdateFromStoredStateIsTheMerge(t *testing.T) {
	arts := storetest.Articles(20, 11)
	earlier, batch := arts[:12], arts[12:]
	p, err := buildWrite(batch)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, key := range p.keys {
		var stored map[string]any
		if _, ok := slices.BinarySearch(keysOf(earlier), key); ok {
			_, props := mergedEntity(t, earlier, key)
			stored = asStored(props).(map[string]any)
		}
		row, ok, err := p.update(key, stored, false)
		if err != nil || !ok {
			t.Fatalf("%s: update: ok %v, %v", key, ok, err)
		}
		n, want := mergedEntity(t, arts, key)
		if got := row["props"]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: updated to\n%v\nthe merge of every article gives\n%v", key, got, want)
		}
		if stored == nil && !slices.Equal(row["add"].([]string), n.Labels()) {
			t.Errorf("%s: new entity gets labels %v, want %v", key, row["add"], n.Labels())
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no entity checked")
	}

	// An article that sorts before the stored ones, or a lost mention: recompute.
	key := p.keys[0]
	_, props := mergedEntity(t, arts, key)
	if _, ok, _ := p.update(key, asStored(props).(map[string]any), false); ok {
		t.Errorf("%s: updated from a state that already holds later articles", key)
	}
	if _, ok, _ := p.update(key, nil, true); ok {
		t.Errorf("%s: updated although it lost a mention", key)
	}
}

func keysOf(parts []*graph.ArticleGraph) []string {
	var keys []string
	for _, p := range parts {
		for _, m := range p.Mentions {
			keys = append(keys, m.Key)
		}
	}
	return slices.Compact(slices.Sorted(slices.Values(keys)))
}

// TestEntityRowIsTheMerge feeds recompute's row builder what its query returns for each
// entity of a set of articles and checks the result against graph.Merge: the server sends
// only the first mention, the first QID and the distinct property sets, and that must be
// enough.
func TestEntityRowIsTheMerge(t *testing.T) {
	arts := storetest.Articles(15, 12)
	for _, key := range keysOf(arts) {
		row := summaryRow(t, arts, key, []string{schema.Entity, "Stale"})
		m := mergedMentions(row)
		got, err := m.entityRow()
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		n, want := mergedEntity(t, arts, key)
		if !reflect.DeepEqual(got["props"], want) {
			t.Errorf("%s: recomputed as\n%v\nthe merge gives\n%v", key, got["props"], want)
		}
		wantAdd := slices.DeleteFunc(n.Labels(), func(l string) bool { return l == schema.Entity })
		if !slices.Equal(got["add"].([]string), wantAdd) || !slices.Equal(got["drop"].([]string), []string{"Stale"}) {
			t.Errorf("%s: labels add %v drop %v, want add %v drop [Stale]", key, got["add"], got["drop"], wantAdd)
		}
	}
}

// summaryRow computes, in Go, the row recomputeRead returns for key over arts (in id
// order), the entity holding the labels have.
func summaryRow(t *testing.T, arts []*graph.ArticleGraph, key string, have []string) []any {
	t.Helper()
	var ms []map[string]any
	var aliases []any
	last := ""
	for _, a := range arts {
		for _, m := range a.Mentions {
			if m.Key != key {
				continue
			}
			i := slices.IndexFunc(a.Nodes, func(n graph.Node) bool { return n.Key == key })
			p, err := schema.MentionProps(a.Nodes[i], m)
			if err != nil {
				t.Fatal(err)
			}
			ms = append(ms, asStored(p).(map[string]any))
			for _, f := range m.Forms {
				if !slices.Contains(aliases, any(f)) {
					aliases = append(aliases, f)
				}
			}
			last = a.Article.ID
		}
	}
	var count int64
	var qid any
	var props []any
	for _, m := range ms {
		count += m["count"].(int64)
		if q, ok := m["qid"]; ok && qid == nil {
			qid = q
		}
		if p, ok := m["props"]; ok && !slices.Contains(props, p) {
			props = append(props, p)
		}
	}
	labels := make([]any, len(have))
	for i, l := range have {
		labels[i] = l
	}
	return []any{key, labels, int64(len(ms)), count, aliases, ms[0], qid, props, last}
}

// TestBuildWriteRefusesWhatCannotBeStored checks that a batch is refused before anything
// is sent when an article is inconsistent or names a label or type that cannot be one.
func TestBuildWriteRefusesWhatCannotBeStored(t *testing.T) {
	for name, tc := range map[string]struct {
		change func(a *graph.ArticleGraph)
		want   string
	}{
		"mention of an unknown node": {func(a *graph.ArticleGraph) { a.Nodes = a.Nodes[1:] }, "mention of unknown node"},
		"relationship to an entity not mentioned": {func(a *graph.ArticleGraph) {
			a.Rels = append(a.Rels, graph.Rel{Type: "FIGHTS", From: a.Nodes[0].Key, To: "state:nowhere", Status: graph.Asserted})
		}, "does not mention"},
		"bad label":             {func(a *graph.ArticleGraph) { a.Nodes[0].Label = "Bad Label}" }, "not a valid type name"},
		"bad relationship type": {func(a *graph.ArticleGraph) { a.Rels[0].Type = "FIGHTS]->(x) DELETE x //" }, "not a valid type name"},
	} {
		t.Run(name, func(t *testing.T) {
			a := storetest.Articles(1, 13)[0]
			tc.change(a)
			_, err := buildWrite([]*graph.ArticleGraph{a})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("buildWrite: %v, want an error saying %q", err, tc.want)
			}
		})
	}
}

// TestBuildWriteGathersEvidenceAcrossArticles checks that a batch writes one statement per
// relationship type, one row per relationship whatever the number of articles that state
// it, and one :Evidence row per piece of evidence.
func TestBuildWriteGathersEvidenceAcrossArticles(t *testing.T) {
	arts := storetest.Articles(20, 14)
	p, err := buildWrite(arts)
	if err != nil {
		t.Fatal(err)
	}
	want := schema.Build(arts)
	if len(p.evidence) != len(want.Evidence) {
		t.Errorf("%d evidence rows, the dataset has %d", len(p.evidence), len(want.Evidence))
	}
	rows, types := 0, map[string]bool{}
	for _, st := range p.rels {
		rows += len(st.params["rows"].([]any))
	}
	for _, r := range want.Rels {
		types[r.Type] = true
	}
	if rows != len(want.Rels) || len(p.rels) != len(types) {
		t.Errorf("%d relationship rows in %d statements, the dataset has %d relationships of %d types", rows, len(p.rels), len(want.Rels), len(types))
	}
	if len(p.articles) != len(arts) || !slices.IsSorted(p.keys) {
		t.Errorf("%d article rows for %d articles; keys sorted: %v", len(p.articles), len(arts), slices.IsSorted(p.keys))
	}
}

func TestParamsStoresDatesAsDates(t *testing.T) {
	got := params(schema.Props{{Key: "published", Value: schema.Date("2016-02-27")}, {Key: "odd", Value: schema.Date("2016-W08")}, {Key: "n", Value: int64(3)}})
	if d, ok := got["published"].(dbtype.Date); !ok || time.Time(d).Format("2006-01-02") != "2016-02-27" {
		t.Errorf("published = %#v, want the DATE 2016-02-27", got["published"])
	}
	if got["odd"] != "2016-W08" || got["n"] != int64(3) {
		t.Errorf("odd = %#v, n = %#v: want them as given", got["odd"], got["n"])
	}
}

func TestSortedSet(t *testing.T) {
	if got := sortedSet([]string{"b", "a", "b", "c", "a"}); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("sortedSet = %v", got)
	}
}

// TestServerErrorKeepsTheDriverError checks that a server error keeps its code within
// reach of errors.As, which the bulk loader's busy check relies on, and in its message.
func TestServerErrorKeepsTheDriverError(t *testing.T) {
	s := &Store{}
	cause := &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed", Msg: "Node already exists"}
	err := fmt.Errorf("bulk load: %w", s.explain(cause))
	var ne *neo4j.Neo4jError
	if !errors.As(err, &ne) || ne.Code != cause.Code {
		t.Fatalf("errors.As on %v did not find the server's error", err)
	}
	if !strings.Contains(err.Error(), cause.Code) || !strings.Contains(err.Error(), cause.Msg) {
		t.Errorf("message %q lacks the server's code or message", err)
	}
}

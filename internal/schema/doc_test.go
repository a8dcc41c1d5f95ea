package schema_test

import (
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/schema"
)

// TestSchemaDocNamesEveryProperty keeps graph/SCHEMA.md, the schema's description for
// readers, in step with this package: every label and every property the layout writes
// is named there (as `name`), on a dataset where every optional property is set.
func TestSchemaDocNamesEveryProperty(t *testing.T) {
	b, err := os.ReadFile("../../graph/SCHEMA.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	ev := graph.Evidence{Article: "a1", Published: "2016-02-01", Sentence: 2, Spans: "0-3;5-9", Text: "Kerry met Lavrov.", Date: "2016-01", Event: "talks:a1:talks"}
	part := &graph.ArticleGraph{
		Article: graph.ArticleInfo{ID: "a1", Title: "T", Source: "S", URL: "https://example.org/a1", Published: "2016-02-01", Path: "a1.ann", Fingerprint: "fp", SourceDigest: "d"},
		Nodes: []graph.Node{
			{Key: "person:john kerry", Label: "Person", Name: "John Kerry", QID: "Q22316", Mentions: 1, Props: map[string]any{"alt_names": []any{"J. Kerry"}}},
			{Key: "wikidata:Q159", Label: "State", Name: "Russia", QID: "Q159", Mentions: 1},
			{Key: "talks:a1:talks", Label: "Talks", Event: true, Name: "talks", Mentions: 1, Props: map[string]any{"date": "2016-01"}},
		},
		Mentions: []graph.Mention{{Key: "person:john kerry", Count: 1, Forms: []string{"Kerry"}}, {Key: "wikidata:Q159", Count: 1, Forms: []string{"Russia"}}, {Key: "talks:a1:talks", Count: 1, Forms: []string{"talks"}}},
		Rels: []graph.Rel{
			{Type: "PARTICIPATED_IN", From: "person:john kerry", To: "talks:a1:talks", Status: graph.Asserted, Role: "Participant", Evidence: []graph.Evidence{ev}},
			{Type: schema.HoldsRole, From: "person:john kerry", To: "wikidata:Q159", Status: graph.Asserted, Role: "Secretary of State",
				Props: map[string]any{"since": "2013-02-01", "until": "2017-01-20"}, Evidence: []graph.Evidence{ev}},
			{Type: "MET_WITH", From: "person:john kerry", To: "wikidata:Q159", Status: graph.Asserted, Evidence: []graph.Evidence{ev}},
		},
	}
	ds := schema.Build([]*graph.ArticleGraph{part})
	named := map[string]bool{}
	for _, n := range ds.Nodes() {
		for _, p := range n.Props {
			named[p.Key] = true
		}
	}
	for _, r := range ds.Relationships() {
		for _, p := range r.Props {
			named[p.Key] = true
		}
	}
	for _, l := range schema.NodeLabels {
		named[l.Name] = true
	}
	named[schema.Mentions], named[schema.HoldsRole] = true, true
	for _, name := range slices.Sorted(maps.Keys(named)) {
		if !strings.Contains(doc, "`"+name+"`") && !strings.Contains(doc, ":"+name) {
			t.Errorf("graph/SCHEMA.md does not name %s", name)
		}
	}
	if len(named) < 40 {
		t.Errorf("only %d names checked", len(named))
	}
}

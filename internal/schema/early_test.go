package schema_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/generate"
	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/schema"
)

// TestEarlyAndLateGiveBuildsEvidence: the nodes a bulk load creates while it reads
// (schema.Early) and the late evidence, with BuildWithoutEvidence, are exactly Build's
// articles and evidence, whatever the chunks.
func TestEarlyAndLateGiveBuildsEvidence(t *testing.T) {
	dir := t.TempDir()
	if _, err := generate.Write(context.Background(), dir, generate.Options{Articles: 120, Seed: 3, Actors: 30}); err != nil {
		t.Fatal(err)
	}
	srcs, _, err := ingest.Discover([]string{dir, "../../examples"}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	parts, err := load.BuildAll(context.Background(), srcs, graph.NewBuilder(nil), nil, func(p load.Problem) { t.Errorf("%s: %v", p.Source, p.Err) })
	if err != nil {
		t.Fatal(err)
	}
	// A relationship whose end its own article does not mention: its evidence is late,
	// and kept because another article mentions that end.
	extra := *parts[0]
	extra.Article.ID = "zz-late"
	extra.Rels = []graph.Rel{{Type: "MET_WITH", From: parts[0].Mentions[0].Key, To: parts[1].Mentions[0].Key, Status: graph.Asserted,
		Evidence: []graph.Evidence{{Article: "zz-late", Sentence: 1, Spans: "0-3", Text: "met"}}}}
	extra.Mentions = parts[0].Mentions[:1]
	parts = append(parts, &extra)

	want := schema.Build(parts)
	var e schema.Early
	for _, p := range parts {
		e.Add(p)
	}
	var articles, evidence []string
	for _, n := range e.Nodes {
		if n.Article() {
			articles = append(articles, key(t, n))
		} else {
			evidence = append(evidence, key(t, n))
		}
	}
	if len(e.Late) == 0 {
		t.Fatal("no late relationship: the test lost its point")
	}
	for _, n := range schema.LateEvidence(e.Late, parts) {
		evidence = append(evidence, key(t, n))
	}
	var wantArticles, wantEvidence []string
	for _, n := range want.Articles {
		wantArticles = append(wantArticles, key(t, n))
	}
	for _, n := range want.Evidence {
		wantEvidence = append(wantEvidence, key(t, n))
	}
	for _, s := range [][]string{articles, evidence, wantArticles, wantEvidence} {
		slices.Sort(s)
	}
	if !slices.Equal(articles, wantArticles) {
		t.Errorf("early articles differ from Build's: %d against %d", len(articles), len(wantArticles))
	}
	if !slices.Equal(evidence, wantEvidence) {
		t.Errorf("early and late evidence differ from Build's: %d against %d nodes", len(evidence), len(wantEvidence))
	}
	rest := schema.BuildWithoutEvidence(parts)
	if len(rest.Evidence) != 0 || len(rest.Entities) != len(want.Entities) || len(rest.Rels) != len(want.Rels) || len(rest.Mentions) != len(want.Mentions) {
		t.Errorf("BuildWithoutEvidence: %d evidence, %d entities, %d rels, %d mentions; want 0, %d, %d, %d",
			len(rest.Evidence), len(rest.Entities), len(rest.Rels), len(rest.Mentions), len(want.Entities), len(want.Rels), len(want.Mentions))
	}
}

// key is a node as one comparable string: its labels and properties.
func key(t *testing.T, n schema.Node) string {
	b, err := json.Marshal(struct {
		L []string
		P map[string]any
	}{n.Labels, n.Props.Map()})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

package generate

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
)

// TestDeterministic checks that the same options give byte-identical files, written
// concurrently, and that another seed gives another corpus.
func TestDeterministic(t *testing.T) {
	ctx := context.Background()
	opt := Options{Articles: 60, Seed: 7}
	d1, d2 := t.TempDir(), t.TempDir()
	if _, err := Write(ctx, d1, opt); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(ctx, d2, opt); err != nil {
		t.Fatal(err)
	}
	f1, f2 := readTree(t, d1), readTree(t, d2)
	if len(f1) != 3*opt.Articles {
		t.Fatalf("wrote %d files, want %d", len(f1), 3*opt.Articles)
	}
	for name, b := range f1 {
		if !bytes.Equal(b, f2[name]) {
			t.Fatalf("%s differs between two runs with the same seed", name)
		}
	}
	other := New(Options{Articles: 60, Seed: 8}).Article(0)
	if bytes.Equal(other.Ann, f1[filepath.Join("0000", "gen-0000000.ann")]) {
		t.Fatal("seeds 7 and 8 gave the same first article")
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestArticlesLoad reads, validates and resolves a generated corpus with the real
// pipeline, and checks that it has the shape the benchmark relies on: the density of
// annotations, every kind of annotation, shared events, surface variants resolving to one
// entity, and a long-tailed actor distribution.
func TestArticlesLoad(t *testing.T) {
	const n = 400
	dir := t.TempDir()
	st, err := Write(context.Background(), dir, Options{Articles: n, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	srcs, _, err := ingest.Discover([]string{dir}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != n {
		t.Fatalf("discovered %d articles, want %d", len(srcs), n)
	}
	b := graph.NewBuilder(nil)
	var parts []*graph.ArticleGraph
	actorMentions := 0
	for _, s := range srcs {
		a, err := ingest.Read(s)
		if err != nil {
			t.Fatal(err)
		}
		if errs := ingest.Validate(a); len(errs) > 0 {
			t.Fatalf("%s: %v", s.Name(), errs)
		}
		if a.Published == "" || a.Title == "" || !strings.HasPrefix(a.ID, "gen-") {
			t.Fatalf("%s: metadata not read: %+v", s.Name(), a)
		}
		for _, m := range a.Mentions {
			if !graph.IsEventLabel(m.Type) && m.Type != "Date" && m.Type != "Location" {
				actorMentions++
			}
		}
		ag, err := b.Build(a)
		if err != nil {
			t.Fatalf("%s: %v", s.Name(), err)
		}
		parts = append(parts, ag)
	}
	perArticle := func(x int) float64 { return float64(x) / n }
	if m := perArticle(actorMentions); m < 6 || m > 12 {
		t.Errorf("%.1f actor mentions per article, want about 8", m)
	}
	g := graph.Merge(parts)
	edges := 0
	statuses := map[string]int{}
	for _, p := range parts {
		edges += len(p.Rels)
	}
	for _, r := range g.Rels {
		statuses[r.Status]++
	}
	if e := perArticle(edges); e < 7 || e > 14 {
		t.Errorf("%.1f relationships per article, want about 10", e)
	}
	for _, s := range []string{graph.Asserted, graph.Negated, graph.Proposed, graph.Speculated} {
		if statuses[s] == 0 {
			t.Errorf("no %s relationship in the corpus", s)
		}
	}
	if st.Events == 0 || st.Attributes == 0 {
		t.Errorf("no events or attributes: %+v", st)
	}
	// Shared events recur across articles.
	maxArticles := 0
	for _, r := range g.Rels {
		if r.Type == "BACKED" && strings.HasPrefix(r.To, "dipgraph:ceasefire-") {
			maxArticles = max(maxArticles, len(graph.Articles(r.Evidence)))
		}
	}
	if maxArticles < 3 {
		t.Errorf("the most repeated ceasefire backing is in %d articles, want several", maxArticles)
	}
	// Surface variants resolve to one entity: Russia is named as Russia, Moscow, the Kremlin…
	russia, ok := g.NodeByKey("wikidata:Q159")
	if !ok || len(russia.Aliases) < 2 {
		t.Errorf("Russia should appear under several forms, got %+v", russia)
	}
	// Long tail: the most mentioned actors take a large share, most actors are rare.
	var counts []int
	total := 0
	for _, nd := range g.Nodes {
		if nd.Event || nd.Label == "Location" {
			continue
		}
		counts = append(counts, nd.Mentions)
		total += nd.Mentions
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	top := 0
	for _, c := range counts[:len(counts)/20] {
		top += c
	}
	if share := float64(top) / float64(total); share < 0.3 {
		t.Errorf("top 5%% of actors have %.0f%% of mentions, want a long-tailed distribution", 100*share)
	}
	if len(counts) < 500 {
		t.Errorf("only %d distinct actors in %d articles", len(counts), n)
	}
	t.Logf("%s; %.1f actor mentions and %.1f relationships per article; %d distinct actors; top 5%% hold %d of %d mentions", st, perArticle(actorMentions), perArticle(edges), len(counts), top, total)
}

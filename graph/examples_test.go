package graph

import (
	"bytes"
	"math/rand"
	"slices"
	"sort"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/testenv/golden"
)

const examplesDir = "../examples/articles"

// TestExamplesOrderIndependent builds examples/ in several orders and expects one graph.
func TestExamplesOrderIndependent(t *testing.T) {
	orders := map[string]func([]ingest.Source){
		"found": nil,
		"reversed": func(s []ingest.Source) {
			sort.Slice(s, func(i, j int) bool { return s[i].Path > s[j].Path })
		},
		"shuffled": func(s []ingest.Source) {
			r := rand.New(rand.NewSource(7))
			r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		},
	}
	var first []byte
	for name, order := range orders {
		g, parts := buildDir(t, "../examples", order)
		if len(parts) < 2 {
			t.Fatalf("examples/ has %d articles, want at least 2", len(parts))
		}
		got := goldenJSON(t, g)
		if first == nil {
			first = got
			continue
		}
		if !bytes.Equal(first, got) {
			t.Errorf("building examples/ in %s order gives another graph:\n%s", name, golden.FirstDiff(first, got))
		}
	}
}

// TestExamplesSharedActors checks that the actors both example articles mention, under
// different names, are one node each, mentioned by both articles.
func TestExamplesSharedActors(t *testing.T) {
	g, parts := buildDir(t, examplesDir, nil)
	shared := []struct {
		key   string
		forms []string // surface forms, from both articles
	}{
		{"wikidata:Q159", []string{"Russia", "Moscow", "Russian", "the Kremlin"}},
		{"wikidata:Q30", []string{"United States", "Washington", "US"}},
		{"wikidata:Q2429253", []string{"Islamic State", "IS", "Daesh"}},
		{"armedgroup:al nusra front", []string{"Al-Nusra Front", "Nusra", "Jabhat al-Nusra"}},
		{"person:sergey lavrov", []string{"Sergey Lavrov", "Sergei Lavrov", "Lavrov"}},
		{"wikidata:Q22316", []string{"John Kerry", "Kerry"}},
		{"wikidata:Q76", []string{"Barack Obama", "Obama"}},
		{"government:assad government", []string{"Assad government", "the Syrian government"}},
		{"opposition:syrian opposition", []string{"the opposition"}},
		{"dipgraph:syria-ceasefire-2016", []string{"ceasefire", "truce", "cessation of hostilities"}},
		{"dipgraph:geneva-talks-2016", []string{"Peace talks in Geneva", "talks"}},
	}
	owner := map[string][]string{} // folded alias → node keys carrying it
	for _, n := range g.Nodes {
		for _, a := range n.Aliases {
			if k := NormName(a); !slices.Contains(owner[k], n.Key) {
				owner[k] = append(owner[k], n.Key)
			}
		}
	}
	for _, s := range shared {
		n, ok := g.NodeByKey(s.key)
		if !ok {
			t.Errorf("no node %s", s.key)
			continue
		}
		for _, f := range s.forms {
			if !slices.Contains(n.Aliases, f) {
				t.Errorf("%s: alias %q missing from %q", s.key, f, n.Aliases)
			}
			if keys := owner[NormName(f)]; len(keys) != 1 {
				t.Errorf("%q is an alias of %d nodes %v, want exactly one", f, len(keys), keys)
			}
		}
		for _, p := range parts {
			found := false
			for _, m := range p.Mentions {
				found = found || m.Key == s.key
			}
			if !found {
				t.Errorf("%s: article %s does not mention it", s.key, p.Article.ID)
			}
		}
	}
	// No two nodes share a name: a shared alias would be a missed merge.
	for a, keys := range owner {
		if len(keys) > 1 {
			t.Errorf("alias %q is on several nodes: %v", a, keys)
		}
	}
}

package graph

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/testenv/golden"
)

// buildDir reads, validates and builds every article under dir, in the order given by
// order (nil: as found), with the built-in gazetteer extended by dir/gazetteer.jsonl.
func buildDir(t *testing.T, dir string, order func([]ingest.Source)) (*Graph, []*ArticleGraph) {
	t.Helper()
	gz := BuiltinGazetteer()
	if f, err := os.Open(filepath.Join(dir, "gazetteer.jsonl")); err == nil {
		defer f.Close()
		if err := gz.Load(f, "gazetteer.jsonl"); err != nil {
			t.Fatal(err)
		}
	}
	b := NewBuilder(gz)
	srcs, _, err := ingest.Discover([]string{dir}, ingest.Options{Readers: readers.All(), Format: brat.Format})
	if err != nil {
		t.Fatal(err)
	}
	if order != nil {
		order(srcs)
	}
	var parts []*ArticleGraph
	for _, s := range srcs {
		a, err := ingest.Read(s)
		if err != nil {
			t.Fatal(err)
		}
		if errs := ingest.Validate(a); len(errs) > 0 {
			t.Fatal(errs)
		}
		ag, err := b.Build(a)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, ag)
	}
	return Merge(parts), parts
}

// goldenJSON renders a graph for comparison. Fingerprints hash the gazetteer too, so they
// are left out: a new gazetteer entry should not rewrite every golden file.
func goldenJSON(t *testing.T, g *Graph) []byte {
	t.Helper()
	c := *g
	c.Articles = append([]ArticleInfo(nil), g.Articles...)
	for i := range c.Articles {
		c.Articles[i].Fingerprint = ""
		c.Articles[i].Path = filepath.ToSlash(c.Articles[i].Path)
	}
	return golden.JSON(t, c)
}

// TestGolden builds each testdata/<case>/ folder of brat articles and compares the merged
// graph with testdata/<case>/expected.json (go test ./graph -run TestGolden -update rewrites them).
func TestGolden(t *testing.T) {
	dirs := golden.Cases(t, "")
	if len(dirs) < 5 { // alias-merge, dates, events-status, non-ascii, titles
		t.Fatalf("found %d golden cases, want at least 5", len(dirs))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			g, _ := buildDir(t, dir, nil)
			golden.Check(t, filepath.Join(dir, "expected.json"), goldenJSON(t, g))
		})
	}
}

package ingest_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
	"github.com/dipgraph/dipgraph/ingest/readers"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenArticle is an article as the golden files show it: the configuration by its path,
// the raw annotations left out (they are the input).
type goldenArticle struct {
	ingest.Article
	Config string `json:",omitempty"`
}

type goldenResult struct {
	Articles []goldenArticle
	Problems []string `json:",omitempty"`
}

// TestGolden reads every testdata/<case>/in/ folder and compares the articles and problems
// with testdata/<case>/want.json. Run with -update to rewrite them after a deliberate change.
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		if fi, err := os.Stat(filepath.Join(dir, "in")); err != nil || !fi.IsDir() {
			continue // not a case (testdata/fuzz holds fuzz corpora)
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			wantPath := filepath.Join(dir, "want.json")
			msgs, arts := ingesttest.Problems(t, filepath.Join(dir, "in"), []string{"."}, ingest.Options{Readers: readers.All()})
			res := goldenResult{Problems: msgs, Articles: []goldenArticle{}}
			for _, a := range arts {
				g := goldenArticle{Article: *a}
				g.Article.Annotations = ""
				if c, ok := a.Schema.(*brat.Config); ok {
					g.Config = c.Path
				}
				res.Articles = append(res.Articles, g)
			}
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			if *update {
				if err := os.WriteFile(wantPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from what was read; got:\n%s", wantPath, got)
			}
		})
	}
}

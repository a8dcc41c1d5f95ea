package graph

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/readers"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

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
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGolden builds each testdata/<case>/ folder of brat articles and compares the merged
// graph with testdata/<case>/expected.json (go test -run TestGolden -update rewrites them).
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 5 { // alias-merge, dates, events-status, non-ascii, titles
		t.Fatalf("found %d golden cases, want at least 5", len(dirs))
	}
	for _, dir := range dirs {
		if filepath.Base(dir) == "fuzz" {
			continue // go test -fuzz keeps its failing inputs there
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			g, _ := buildDir(t, dir, nil)
			got := goldenJSON(t, g)
			want := filepath.Join(dir, "expected.json")
			if *update {
				if err := os.WriteFile(want, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			exp, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run go test ./graph -run TestGolden -update to create it)", err)
			}
			if !bytes.Equal(got, exp) {
				t.Errorf("%s differs from the built graph; inspect with -update and git diff\n%s", want, firstDiff(exp, got))
			}
		})
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(a, b []byte) string {
	al, bl := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y []byte
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if !bytes.Equal(x, y) {
			return "line " + itoa(i+1) + ":\n  want " + string(x) + "\n  got  " + string(y)
		}
	}
	return ""
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

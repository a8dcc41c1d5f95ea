package tsv_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/tsv"
	"github.com/dipgraph/dipgraph/ingest/readers"
)

// TestNewFormatThroughTheOneDoor adds a format with one registration line and reads a
// folder that mixes it with brat through ingest.Discover.
func TestNewFormatThroughTheOneDoor(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"triples.tsv": "Kerry\tSpokeWith\tLavrov\nRussia\tBacks\tAssad\n",
		"call.txt":    "Kerry called Lavrov.",
		"call.ann":    "T1\tPerson 0 5\tKerry\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	reg := readers.All()
	reg.Register(tsv.Reader{})
	srcs, _, err := ingest.Discover([]string{dir}, ingest.Options{Readers: reg})
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]*ingest.Article{}
	for _, s := range srcs {
		a, err := ingest.ReadValid(s)
		if err != nil {
			t.Fatalf("%s: %v", s.Name(), err)
		}
		formats[a.Format] = a
	}
	a := formats["tsv"]
	if a == nil || formats["brat"] == nil {
		t.Fatalf("read formats %v, want tsv and brat", formats)
	}
	if len(a.Mentions) != 4 || len(a.Relations) != 2 || a.Relations[1].Type != "Backs" {
		t.Fatalf("tsv article: %d mentions, relations %+v", len(a.Mentions), a.Relations)
	}
	if m := a.Mentions[3]; m.Text != "Assad" || m.Spans[0] != (ingest.Span{Start: 36, End: 41}) {
		t.Errorf("last mention %+v, want Assad at 36-41", m)
	}
	// Without the registration line the file is of no known kind.
	if _, _, err := ingest.Discover([]string{filepath.Join(dir, "triples.tsv")}, ingest.Options{Readers: readers.All()}); err == nil {
		t.Error("a .tsv was read without its reader registered")
	}
}

package render

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/load"
)

// TestGraphJSONIsTheEncoders: the streamed --dry-run output is byte for byte what
// json.Encoder gives, on the examples and on empty graphs.
func TestGraphJSONIsTheEncoders(t *testing.T) {
	srcs, _, err := ingest.Discover([]string{"../../examples"}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	var parts []*graph.ArticleGraph
	for _, s := range srcs {
		bt := load.Build(s, graph.NewBuilder(nil))
		if bt.Err != nil {
			t.Fatal(bt.Err)
		}
		parts = append(parts, bt.Graph)
	}
	for _, g := range []*graph.Graph{graph.Merge(parts), graph.Merge(nil), {Articles: []graph.ArticleInfo{}}} {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(g); err != nil {
			t.Fatal(err)
		}
		if err := GraphJSON(&got, g); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("GraphJSON differs from json.Encoder:\n%s\nwant:\n%s", got.String(), want.String())
		}
	}
}

package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/dipgraph/dipgraph/graph"
)

// GraphJSON writes g as an indented JSON object, as json.Encoder with a two-space
// indent would, but one article, node and relationship at a time, so that the output is
// never held in memory whole.
func GraphJSON(w io.Writer, g *graph.Graph) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	type field struct {
		name string
		n    int
		null bool
		item func(i int) any
	}
	fields := []field{
		{"articles", len(g.Articles), g.Articles == nil, func(i int) any { return g.Articles[i] }},
		{"nodes", len(g.Nodes), g.Nodes == nil, func(i int) any { return g.Nodes[i] }},
		{"rels", len(g.Rels), g.Rels == nil, func(i int) any { return g.Rels[i] }},
	}
	bw.WriteString("{\n")
	for fi, f := range fields {
		fmt.Fprintf(bw, "  %q: ", f.name)
		switch {
		case f.null:
			bw.WriteString("null")
		case f.n == 0:
			bw.WriteString("[]")
		default:
			bw.WriteString("[\n")
			for i := 0; i < f.n; i++ {
				b, err := json.MarshalIndent(f.item(i), "    ", "  ")
				if err != nil {
					return err
				}
				bw.WriteString("    ")
				bw.Write(b)
				if i < f.n-1 {
					bw.WriteString(",")
				}
				bw.WriteString("\n")
			}
			bw.WriteString("  ]")
		}
		if fi < len(fields)-1 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

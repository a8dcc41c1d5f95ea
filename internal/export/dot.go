package export

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/dipgraph/dipgraph/internal/schema"
)

// WriteDot writes the entities and domain relationships of ds as a Graphviz digraph,
// coloured like the Browser style (schema.NodeLabels). Articles and MENTIONS are left out, and so are entities
// without any relationship: they would hide the structure. Events are boxes, other
// entities ellipses; edges carry their type, and the ones not asserted (proposed, negated,
// speculated) are dashed. Render it with `sfdp -Goverlap=prism -Tpng` or `dot -Tsvg`.
func WriteDot(w io.Writer, ds *schema.Dataset) error {
	linked := map[string]bool{}
	for _, r := range ds.Rels {
		linked[r.From], linked[r.To] = true, true
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "digraph dipgraph {")
	fmt.Fprintln(bw, `  graph [overlap=false, splines=true, outputorder=edgesfirst, bgcolor="white", pad=0.3];`)
	fmt.Fprintln(bw, `  node [shape=ellipse, style=filled, fontname="Helvetica", fontsize=10, fontcolor="white", penwidth=0];`)
	fmt.Fprintln(bw, `  edge [fontname="Helvetica", fontsize=7, color="#8A9099", fontcolor="#555555", arrowsize=0.6];`)
	for _, n := range ds.Entities {
		if !linked[n.ID] {
			continue
		}
		name := n.ID
		for _, p := range n.Props {
			if p.Key == "name" {
				name, _ = p.Value.(string)
			}
		}
		shape := "ellipse"
		if slices.Contains(n.Labels, schema.Event) {
			shape = "box"
		}
		st := nodeStyle(n.Labels)
		fmt.Fprintf(bw, "  %s [label=%s, shape=%s, fillcolor=%s, fontcolor=%s];\n", dotID(n.ID), dotID(name), shape, dotID(st.Fill), dotID(st.Text))
	}
	for _, r := range ds.Rels {
		style := "solid"
		for _, p := range r.Props {
			if p.Key == "status" && p.Value != "asserted" {
				style = "dashed"
			}
		}
		fmt.Fprintf(bw, "  %s -> %s [label=%s, style=%s];\n", dotID(r.From), dotID(r.To), dotID(r.Type), style)
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

// nodeStyle is the style of the most specific label the schema knows among labels (the
// last: an entity's labels run from Entity to its type).
func nodeStyle(labels []string) schema.Style {
	st, _ := schema.LabelStyle(schema.Entity)
	for _, l := range labels {
		if s, ok := schema.LabelStyle(l); ok {
			st = s
		}
	}
	return st
}

// dotID quotes s as a Graphviz string.
func dotID(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	s = strings.ReplaceAll(s, "\n", `\n`)
	return `"` + s + `"`
}

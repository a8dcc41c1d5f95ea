package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteDot writes the entities and domain relationships of ds as a Graphviz digraph
// (articles and MENTIONS are left out: they would hide the structure). Events are boxes,
// other entities ellipses; edges carry their type, and negated or proposed ones are dashed.
func WriteDot(w io.Writer, ds *Dataset) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "digraph dipgraph {")
	fmt.Fprintln(bw, `  graph [rankdir=LR, fontname="Helvetica"];`)
	fmt.Fprintln(bw, `  node [fontname="Helvetica"];`)
	fmt.Fprintln(bw, `  edge [fontname="Helvetica", fontsize=10];`)
	for _, n := range ds.Entities {
		name := n.ID
		for _, p := range n.Props {
			if p.Key == "name" {
				name, _ = p.Value.(string)
			}
		}
		shape := "ellipse"
		if len(n.Labels) > 1 && n.Labels[1] == "Event" {
			shape = "box"
		}
		kind := n.Labels[len(n.Labels)-1]
		fmt.Fprintf(bw, "  %s [label=%s, shape=%s];\n", dotID(n.ID), dotID(name+"\n"+kind), shape)
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

// dotID quotes s as a Graphviz string.
func dotID(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	s = strings.ReplaceAll(s, "\n", `\n`)
	return `"` + s + `"`
}

package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// dotFill is the fill colour of each label, the same as the Neo4j Browser style
// (scripts/browser/style.grass; a test keeps the two in step).
var dotFill = map[string]string{
	"ArmedForce":   "#6D4C41",
	"ArmedGroup":   "#E53935",
	"Article":      "#ECEFF1",
	"Attack":       "#B71C1C",
	"Ceasefire":    "#43A047",
	"Coalition":    "#8E24AA",
	"Event":        "#FDD835",
	"Government":   "#3949AB",
	"Location":     "#7CB342",
	"Opposition":   "#F4511E",
	"Organisation": "#00897B",
	"Person":       "#FB8C00",
	"Proposal":     "#C0CA33",
	"State":        "#1E88E5",
	"Talks":        "#00ACC1",
}

// dotDarkText are the labels whose fill is light enough to need dark text.
var dotDarkText = map[string]bool{
	"Event":    true,
	"Location": true,
	"Proposal": true,
}

// WriteDot writes the entities and domain relationships of ds as a Graphviz digraph,
// coloured like the Browser style. Articles and MENTIONS are left out, and so are entities
// without any relationship: they would hide the structure. Events are boxes, other
// entities ellipses; edges carry their type, and the ones not asserted (proposed, negated,
// speculated) are dashed. Render it with `sfdp -Goverlap=prism -Tpng` or `dot -Tsvg`.
func WriteDot(w io.Writer, ds *Dataset) error {
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
		shape, fill, text := "ellipse", "#A5ABB6", "white"
		for _, l := range n.Labels {
			if l == "Event" {
				shape = "box"
			}
			if c, ok := dotFill[l]; ok && l != "Entity" {
				fill = c
				text = "white"
				if dotDarkText[l] {
					text = "#1B1B1B"
				}
			}
		}
		fmt.Fprintf(bw, "  %s [label=%s, shape=%s, fillcolor=%s, fontcolor=%s];\n", dotID(n.ID), dotID(name), shape, dotID(fill), dotID(text))
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

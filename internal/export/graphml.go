package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/dipgraph/dipgraph/internal/schema"
)

// WriteGraphML writes ds as GraphML for Gephi, yEd or NetworkX. Every property becomes a
// declared attribute (lists joined with "; "); labels and types are the attributes
// "labels" and "type", and "name" doubles as the display label.
func WriteGraphML(w io.Writer, ds *schema.Dataset) error {
	bw := bufio.NewWriter(w)
	nodes, rels := ds.Nodes(), ds.Relationships()
	ncols, err := columns(nodeProps(nodes), "")
	if err != nil {
		return err
	}
	rcols, err := columns(relProps(rels), "")
	if err != nil {
		return err
	}
	fmt.Fprintln(bw, `<?xml version="1.0" encoding="UTF-8"?>`)
	fmt.Fprintln(bw, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`)
	fmt.Fprintf(bw, "  <key id=\"n_labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n")
	for _, c := range ncols {
		fmt.Fprintf(bw, "  <key id=\"n_%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", esc(c.key), esc(c.key), graphmlType(c.typ))
	}
	fmt.Fprintf(bw, "  <key id=\"e_type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n")
	for _, c := range rcols {
		fmt.Fprintf(bw, "  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n", esc(c.key), esc(c.key), graphmlType(c.typ))
	}
	fmt.Fprintln(bw, `  <graph id="dipgraph" edgedefault="directed">`)
	for i, n := range nodes {
		id := nodeID(n.ID, n.Article())
		if k := i - len(ds.Articles) - len(ds.Entities); k >= 0 {
			id = evidenceID(k)
		}
		fmt.Fprintf(bw, "    <node id=\"%s\">\n", esc(id))
		fmt.Fprintf(bw, "      <data key=\"n_labels\">%s</data>\n", esc(strings.Join(n.Labels, ";")))
		for _, p := range n.Props {
			fmt.Fprintf(bw, "      <data key=\"n_%s\">%s</data>\n", esc(p.Key), esc(display(p.Value)))
		}
		fmt.Fprintln(bw, "    </node>")
	}
	for i, r := range rels {
		fmt.Fprintf(bw, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\">\n", i, esc(nodeID(r.From, r.FromArticle)), esc(r.To))
		fmt.Fprintf(bw, "      <data key=\"e_type\">%s</data>\n", esc(r.Type))
		for _, p := range r.Props {
			fmt.Fprintf(bw, "      <data key=\"e_%s\">%s</data>\n", esc(p.Key), esc(display(p.Value)))
		}
		fmt.Fprintln(bw, "    </edge>")
	}
	fmt.Fprintln(bw, "  </graph>")
	fmt.Fprintln(bw, "</graphml>")
	return bw.Flush()
}

func graphmlType(t string) string {
	switch t {
	case "long":
		return "long"
	case "double":
		return "double"
	case "boolean":
		return "boolean"
	}
	return "string"
}

// display renders a value as one readable string (lists joined with "; ").
func display(v any) string {
	switch x := v.(type) {
	case []string:
		return strings.Join(x, "; ")
	case []int64:
		s := make([]string, len(x))
		for i, n := range x {
			s[i] = fmt.Sprint(n)
		}
		return strings.Join(s, "; ")
	}
	return csvValue(v)
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&quot;")
}

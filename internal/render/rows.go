package render

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dipgraph/dipgraph/internal/neo4jstore"
)

// Rows prints query rows as format: "table" (an aligned table at most width characters
// wide, then the row count), "json" (JSON Lines, one object a row) or "csv" (a header line,
// then one record a row).
func Rows(w io.Writer, format string, rows []neo4jstore.Row, width int) error {
	var keys []string
	if len(rows) > 0 {
		keys = rows[0].Keys
	}
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		for _, r := range rows {
			m := make(map[string]any, len(r.Keys))
			for i, k := range r.Keys {
				m[k] = JSONValue(r.Values[i])
			}
			if err := enc.Encode(m); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(keys); err != nil {
			return err
		}
		for _, r := range rows {
			rec := make([]string, len(r.Values))
			for i, v := range r.Values {
				rec[i] = Text(v)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	default:
		if len(rows) == 0 {
			_, err := fmt.Fprintln(w, "(no rows)")
			return err
		}
		cells := make([][]string, len(rows))
		for i, r := range rows {
			cells[i] = make([]string, len(r.Values))
			for j, v := range r.Values {
				cells[i][j] = Text(v)
			}
		}
		if err := Table(w, keys, cells, width); err != nil {
			return err
		}
		unit := "rows"
		if len(rows) == 1 {
			unit = "row"
		}
		_, err := fmt.Fprintf(w, "(%d %s)\n", len(rows), unit)
		return err
	}
}

// Text renders a value for a table or CSV cell: nodes by name and labels, relationships
// by type, lists joined with commas.
func Text(v any) string {
	if v == nil {
		return ""
	}
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case neo4jstore.NodeValue:
		return nodeName(x)
	case neo4jstore.RelValue:
		return "[:" + x.Type + "]"
	case neo4jstore.PathValue:
		var b strings.Builder
		for i, n := range x.Nodes {
			if i > 0 {
				r := x.Rels[i-1]
				if r.From == nodeDisplay(x.Nodes[i-1]) {
					b.WriteString(" -[:" + r.Type + "]-> ")
				} else {
					b.WriteString(" <-[:" + r.Type + "]- ")
				}
			}
			b.WriteString(nodeDisplay(n))
		}
		return b.String()
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = Text(e)
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		ks := slices.Sorted(maps.Keys(x))
		parts := make([]string, len(ks))
		for i, k := range ks {
			parts[i] = k + ": " + Text(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	default:
		return fmt.Sprint(v)
	}
}

func nodeDisplay(n neo4jstore.NodeValue) string {
	for _, k := range []string{"name", "key", "id"} {
		if s, ok := n.Props[k].(string); ok {
			return s
		}
	}
	return "?"
}

// nodeName is "Name (:Label)" with the domain labels.
func nodeName(n neo4jstore.NodeValue) string {
	var ls []string
	for _, l := range n.Labels {
		if l != "Entity" {
			ls = append(ls, ":"+l)
		}
	}
	if len(ls) == 0 {
		return nodeDisplay(n)
	}
	return nodeDisplay(n) + " (" + strings.Join(ls, "") + ")"
}

// JSONValue renders nodes and relationships as small objects for JSON output.
func JSONValue(v any) any {
	switch x := v.(type) {
	case neo4jstore.NodeValue:
		return map[string]any{"name": nodeDisplay(x), "labels": x.Labels, "key": x.Props["key"]}
	case neo4jstore.RelValue:
		return map[string]any{"type": x.Type, "status": x.Props["status"]}
	case neo4jstore.PathValue:
		nodes := make([]any, len(x.Nodes))
		for i, n := range x.Nodes {
			nodes[i] = JSONValue(n)
		}
		rels := make([]any, len(x.Rels))
		for i, r := range x.Rels {
			rels[i] = map[string]any{"type": r.Type, "from": r.From, "to": r.To, "status": r.Props["status"]}
		}
		return map[string]any{"path": Text(x), "nodes": nodes, "relationships": rels}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = JSONValue(e)
		}
		return out
	default:
		return v
	}
}

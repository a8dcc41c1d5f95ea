package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/internal/neo4jstore"
)

// writeRows prints query rows as an aligned table, JSON Lines or CSV.
func writeRows(w io.Writer, format string, rows []neo4jstore.Row, width int) error {
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
				m[k] = jsonValue(r.Values[i])
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
				rec[i] = display(v)
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
				cells[i][j] = display(v)
			}
		}
		if err := writeTable(w, keys, cells, width); err != nil {
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

// writeTable prints an aligned table; columns wider than their share of width wrap.
func writeTable(w io.Writer, header []string, rows [][]string, width int) error {
	n := len(header)
	widths := make([]int, n)
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, r := range rows {
		for i, c := range r {
			if l := utf8.RuneCountInString(c); l > widths[i] {
				widths[i] = l
			}
		}
	}
	fit(widths, header, rows, width)
	line := func(cells []string) error {
		wrapped := make([][]string, n)
		height := 1
		for i := 0; i < n; i++ {
			c := ""
			if i < len(cells) {
				c = cells[i]
			}
			wrapped[i] = wrap(c, widths[i])
			if len(wrapped[i]) > height {
				height = len(wrapped[i])
			}
		}
		for l := 0; l < height; l++ {
			var b strings.Builder
			for i := 0; i < n; i++ {
				s := ""
				if l < len(wrapped[i]) {
					s = wrapped[i][l]
				}
				b.WriteString(s)
				if i < n-1 {
					b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(s)+2))
				}
			}
			if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
				return err
			}
		}
		return nil
	}
	if err := line(header); err != nil {
		return err
	}
	sep := make([]string, n)
	for i := range sep {
		sep[i] = strings.Repeat("-", widths[i])
	}
	if err := line(sep); err != nil {
		return err
	}
	for _, r := range rows {
		if err := line(r); err != nil {
			return err
		}
	}
	return nil
}

// fit narrows columns so the table fits in width: every column keeps at least its header
// or its longest word (up to 24 characters, 12 when that is too wide), and the space left goes to the columns with
// the most text, so a sentence column gets room instead of being cut into slivers.
func fit(widths []int, header []string, rows [][]string, width int) {
	total := 0
	for _, w := range widths {
		total += w + 2
	}
	if total <= width {
		return
	}
	// Short columns (names, dates, counts) stay whole when the long ones can still get
	// room; only the long ones wrap.
	short, shortTotal, long := 0, 0, 0
	for _, w := range widths {
		if w <= 24 {
			short++
			shortTotal += w + 2
		} else {
			long++
		}
	}
	if long > 0 && width-shortTotal >= long*26 {
		room := width - shortTotal
		longTotal := 0
		for _, w := range widths {
			if w > 24 {
				longTotal += w
			}
		}
		for i, w := range widths {
			if w > 24 {
				widths[i] = max(24, w*room/longTotal-2)
			}
		}
		return
	}
	mins, minTotal := minWidths(widths, header, rows, 24)
	if minTotal > width {
		mins, minTotal = minWidths(widths, header, rows, 12)
	}
	spare := width - minTotal
	if spare <= 0 {
		copy(widths, mins)
		return
	}
	want := 0
	for i := range widths {
		want += widths[i] - mins[i]
	}
	for i := range widths {
		extra := (widths[i] - mins[i]) * spare / want
		widths[i] = mins[i] + extra
	}
}

// minWidths is the narrowest each column should get: its header or longest word, within
// [4, limit], and never wider than its widest cell; total includes the gaps.
func minWidths(widths []int, header []string, rows [][]string, limit int) (mins []int, total int) {
	mins = make([]int, len(widths))
	for i := range widths {
		m := utf8.RuneCountInString(header[i])
		for _, r := range rows {
			if i >= len(r) {
				continue
			}
			for _, w := range strings.Fields(r[i]) {
				if l := utf8.RuneCountInString(w); l > m {
					m = l
				}
			}
		}
		mins[i] = min(max(m, 4), limit, widths[i])
		total += mins[i] + 2
	}
	return mins, total
}

// wrap splits s into lines of at most width characters, at spaces where it can.
func wrap(s string, width int) []string {
	if utf8.RuneCountInString(s) <= width || width < 1 {
		return []string{s}
	}
	var out []string
	rs := []rune(s)
	for len(rs) > width {
		cut := width
		for i := width; i > 0; i-- {
			if rs[i] == ' ' {
				cut = i
				break
			}
		}
		out = append(out, strings.TrimRight(string(rs[:cut]), " "))
		rs = []rune(strings.TrimLeft(string(rs[cut:]), " "))
	}
	return append(out, string(rs))
}

// display renders a value for a table or CSV cell: nodes by name and labels, relationships
// by type, lists joined with commas.
func display(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
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
			parts[i] = display(e)
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		ks := make([]string, 0, len(x))
		for k := range x {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		parts := make([]string, len(ks))
		for i, k := range ks {
			parts[i] = k + ": " + display(x[k])
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

// jsonValue renders nodes and relationships as small objects for JSON output.
func jsonValue(v any) any {
	switch x := v.(type) {
	case neo4jstore.NodeValue:
		return map[string]any{"name": nodeDisplay(x), "labels": x.Labels, "key": x.Props["key"]}
	case neo4jstore.RelValue:
		return map[string]any{"type": x.Type, "status": x.Props["status"]}
	case neo4jstore.PathValue:
		nodes := make([]any, len(x.Nodes))
		for i, n := range x.Nodes {
			nodes[i] = jsonValue(n)
		}
		rels := make([]any, len(x.Rels))
		for i, r := range x.Rels {
			rels[i] = map[string]any{"type": r.Type, "from": r.From, "to": r.To, "status": r.Props["status"]}
		}
		return map[string]any{"path": display(x), "nodes": nodes, "relationships": rels}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	default:
		return v
	}
}

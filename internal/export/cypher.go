package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dipgraph/dipgraph/internal/schema"
)

// WriteCypher writes ds as a plain Cypher script for an empty database: the schema, then
// one `;`-terminated statement per line with literal values (no parameters or client
// commands), so cypher-shell, the Browser or any driver can run it.
func WriteCypher(w io.Writer, ds *schema.Dataset) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "// dipgraph export: run on an empty database, e.g. cypher-shell -f graph.cypher")
	for _, s := range schema.Constraints {
		fmt.Fprintf(bw, "%s;\n", s)
	}
	for _, n := range ds.Nodes() {
		fmt.Fprintf(bw, "CREATE (:%s %s);\n", labels(n.Labels), cypherMap(n.Props))
	}
	for _, r := range ds.Relationships() {
		from := "(a:" + schema.Entity + " {" + schema.EntityKey + ": " + cypherString(r.From) + "})"
		if r.FromArticle {
			from = "(a:" + schema.Article + " {" + schema.ArticleKey + ": " + cypherString(r.From) + "})"
		}
		fmt.Fprintf(bw, "MATCH %s, (b:%s {%s: %s}) CREATE (a)-[:%s %s]->(b);\n",
			from, schema.Entity, schema.EntityKey, cypherString(r.To), ident(r.Type), cypherMap(r.Props))
	}
	return bw.Flush()
}

func labels(ls []string) string {
	q := make([]string, len(ls))
	for i, l := range ls {
		q[i] = ident(l)
	}
	return strings.Join(q, ":")
}

// ident quotes a label, type or key with backticks, doubling any backtick inside.
func ident(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

func cypherMap(ps schema.Props) string {
	var b strings.Builder
	b.WriteString("{")
	for i, p := range ps {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(ident(p.Key))
		b.WriteString(": ")
		b.WriteString(cypherValue(p.Value))
	}
	b.WriteString("}")
	return b.String()
}

func cypherValue(v any) string {
	switch x := v.(type) {
	case string:
		return cypherString(x)
	case schema.Date:
		return "date(" + cypherString(string(x)) + ")"
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return floatLiteral(x)
	case bool:
		return strconv.FormatBool(x)
	case []string:
		q := make([]string, len(x))
		for i, s := range x {
			q[i] = cypherString(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	case []int64:
		q := make([]string, len(x))
		for i, n := range x {
			q[i] = strconv.FormatInt(n, 10)
		}
		return "[" + strings.Join(q, ", ") + "]"
	case nil:
		return "null"
	}
	return cypherString(fmt.Sprint(v))
}

// floatLiteral formats f so Cypher reads it back as a FLOAT (always with a point or exponent).
func floatLiteral(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") { // n: NaN, Inf
		s += ".0"
	}
	return s
}

// cypherString quotes s as a single-quoted Cypher string on one line.
func cypherString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x2028 || r == 0x2029 {
				fmt.Fprintf(&b, `\u%04X`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

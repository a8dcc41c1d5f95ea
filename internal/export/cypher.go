package export

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
)

// Schema is the set of statements that create the constraints and indexes a load relies
// on; the store and the Cypher export both run them.
var Schema = []string{
	// The saved queries find an actor by key, name or alias, in any case, through this
	// index (a candidate shares the words; the query then tests the exact value).
	"CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:" + graph.EntityLabel + ") ON EACH [n.key, n.name, n.aliases, n.alt_names]",
	"CREATE CONSTRAINT entity_key IF NOT EXISTS FOR (n:" + graph.EntityLabel + ") REQUIRE n.key IS UNIQUE",
	"CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:" + graph.ArticleLabel + ") REQUIRE a.id IS UNIQUE",
	"CREATE INDEX entity_name IF NOT EXISTS FOR (n:" + graph.EntityLabel + ") ON (n.name)",
	// A relationship's evidence is found by the relationship's key, an article's by its id.
	"CREATE INDEX evidence_rel IF NOT EXISTS FOR (e:" + EvidenceLabel + ") ON (e.rel)",
	"CREATE INDEX evidence_article IF NOT EXISTS FOR (e:" + EvidenceLabel + ") ON (e.article)",
}

// WriteCypher writes ds as a plain Cypher script for an empty database: the schema, then
// one `;`-terminated statement per line with literal values (no parameters or client
// commands), so cypher-shell, the Browser or any driver can run it.
func WriteCypher(w io.Writer, ds *Dataset) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "// dipgraph export: run on an empty database, e.g. cypher-shell -f graph.cypher")
	for _, s := range Schema {
		fmt.Fprintf(bw, "%s;\n", s)
	}
	for _, n := range append(append(append([]Node(nil), ds.Articles...), ds.Entities...), ds.Evidence...) {
		fmt.Fprintf(bw, "CREATE (:%s %s);\n", labels(n.Labels), cypherMap(n.Props))
	}
	for _, r := range append(append([]Rel(nil), ds.Mentions...), ds.Rels...) {
		from := "(a:" + graph.EntityLabel + " {key: " + cypherString(r.From) + "})"
		if r.FromArticle {
			from = "(a:" + graph.ArticleLabel + " {id: " + cypherString(r.From) + "})"
		}
		fmt.Fprintf(bw, "MATCH %s, (b:%s {key: %s}) CREATE (a)-[:%s %s]->(b);\n",
			from, graph.EntityLabel, cypherString(r.To), ident(r.Type), cypherMap(r.Props))
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

func cypherMap(ps Props) string {
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
	case Date:
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

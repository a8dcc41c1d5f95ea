package queries

import (
	"fmt"
	"html"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
)

// ExampleParams returns the --param values of the query's first example line, as written
// (an --as-of DATE as as_of=DATE).
func (q *Query) ExampleParams() ([]string, error) {
	if len(q.Examples) == 0 {
		return nil, fmt.Errorf("%s: no `// example:` line", q.Source)
	}
	words, err := ShellWords(q.Examples[0])
	if err != nil {
		return nil, fmt.Errorf("%s: example: %w", q.Source, err)
	}
	if len(words) < 4 || words[0] != "dipgraph" || words[1] != "query" || words[2] != "run" || words[3] != q.Name {
		return nil, fmt.Errorf("%s: example must start with `dipgraph query run %s`", q.Source, q.Name)
	}
	var params []string
	for i := 4; i < len(words); i++ {
		w := words[i]
		switch {
		case w == "--param" || w == "-p":
			if i+1 >= len(words) {
				return nil, fmt.Errorf("%s: example: %s needs key=value", q.Source, w)
			}
			params = append(params, words[i+1])
			i++
		case strings.HasPrefix(w, "--param="):
			params = append(params, strings.TrimPrefix(w, "--param="))
		case w == "--as-of" && i+1 < len(words):
			params = append(params, AsOfParam+"="+words[i+1])
			i++
		default:
			return nil, fmt.Errorf("%s: example: unexpected %q (only --param key=value and --as-of DATE)", q.Source, w)
		}
	}
	return params, nil
}

// ShellWords splits a command line the way a POSIX shell would for plain words, single
// and double quotes and backslash escapes; it knows nothing of variables or globs.
func ShellWords(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inWord := false
	quote := rune(0)
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case quote == '"':
			switch r {
			case '"':
				quote = 0
			case '\\':
				escaped = true
			default:
				cur.WriteRune(r)
			}
		case r == '\\':
			escaped, inWord = true, true
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 || escaped {
		return nil, fmt.Errorf("unterminated quote in %q", s)
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out, nil
}

// Inline returns the query body without its header, with every $parameter replaced by a
// Cypher literal of its value, ready to paste into the Neo4j Browser.
func (q *Query) Inline(params map[string]any) (string, error) {
	body := q.Code()
	var b strings.Builder
	rs := []rune(body)
	quote := rune(0)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if quote != 0 {
			b.WriteRune(r)
			if r == '\\' && i+1 < len(rs) {
				i++
				b.WriteRune(rs[i])
			} else if r == quote {
				quote = 0
			}
			continue
		}
		switch {
		case r == '\'' || r == '"':
			quote = r
			b.WriteRune(r)
		case r == '/' && i+1 < len(rs) && rs[i+1] == '/':
			for ; i < len(rs) && rs[i] != '\n'; i++ {
				b.WriteRune(rs[i])
			}
			if i < len(rs) {
				b.WriteRune('\n')
			}
		case r == '$':
			j := i + 1
			for j < len(rs) && (rs[j] == '_' || rs[j] >= 'a' && rs[j] <= 'z' || rs[j] >= 'A' && rs[j] <= 'Z' || rs[j] >= '0' && rs[j] <= '9') {
				j++
			}
			name := string(rs[i+1 : j])
			v, ok := params[name]
			if !ok {
				return "", fmt.Errorf("%s: no value for $%s", q.Source, name)
			}
			b.WriteString(Literal(v))
			i = j - 1
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), nil
}

// Code returns the body after the header of // lines.
func (q *Query) Code() string {
	lines := strings.Split(q.Body, "\n")
	i := 0
	for i < len(lines) && (strings.HasPrefix(strings.TrimSpace(lines[i]), "//") || strings.TrimSpace(lines[i]) == "") {
		i++
	}
	return strings.TrimSpace(strings.Join(lines[i:], "\n"))
}

// Literal writes a bound parameter value as a Cypher literal. Integers and booleans
// print as Cypher writes them; a float keeps a decimal point so that it stays a float.
func Literal(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(x) + "'"
	case float64:
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	case []string:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = Literal(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// GuideSlides is the number of slides before the first query in the guide: a query's slide
// is GuideSlides plus its index in Set.All, for `:play URL#slide-N`.
const GuideSlides = 2

// GuideAsOf is the date of the guide's second block on the queries that take AsOfParam:
// the same query as of that day.
const GuideAsOf = "2016-03-01"

// WriteGuide writes a Neo4j Browser guide (the HTML that `:play URL` shows): a slide on
// the graph's schema, then one slide per saved query with its description, parameters,
// the command line, and the query with the example's values as a runnable block (and,
// for a query that takes as_of, the same as of GuideAsOf).
func WriteGuide(w io.Writer, s *Set) error {
	g := &guideWriter{}
	all := s.All()
	g.p("<!-- Generated by `dipgraph query guide` from queries/*.cypher; do not edit. -->\n")
	g.p("<article class=\"guide\">\n<carousel class=\"deck container-fluid\">\n")
	g.introSlide(all)
	g.schemaSlide()
	for _, q := range all {
		if err := g.querySlide(q); err != nil {
			return err
		}
	}
	g.p("</carousel>\n</article>\n")
	_, err := io.WriteString(w, g.b.String())
	return err
}

// guideWriter accumulates the guide's HTML.
type guideWriter struct{ b strings.Builder }

func (g *guideWriter) p(format string, args ...any) { fmt.Fprintf(&g.b, format, args...) }

// introSlide lists the queries with their slide numbers.
func (g *guideWriter) introSlide(all []*Query) {
	e := html.EscapeString
	g.p("<slide class=\"row-fluid\">\n<div class=\"col-sm-12\">\n<h3>dipgraph: diplomatic relationships from the news</h3>\n")
	g.p("<p class=\"lead\">Actors (states, people, armed groups, coalitions, governments) and events (ceasefires, talks, attacks) with typed, dated relationships, each backed by the sentences that state it.</p>\n")
	g.p("<p>This guide has one slide per saved query (%d in all). Click a code block to put it in the editor, or its ▶ icon to run it. The same queries run from a terminal with <code>dipgraph query run NAME --param key=value</code>.</p>\n", len(all))
	g.p("<ol>\n")
	for i, q := range all {
		g.p("<li><b>%s</b> (slide %d) — %s</li>\n", e(q.Name), GuideSlides+i+1, e(q.Description))
	}
	g.p("</ol>\n<p>The whole graph of a small corpus:</p>\n")
	g.p("<pre class=\"pre-scrollable code runnable\">MATCH (n:Entity)-[r]-&gt;(m:Entity) RETURN n, r, m LIMIT 300</pre>\n")
	g.p("<p><b>The graph as of a date.</b> Every query that reads relationships takes <code>as_of</code>: with a date, only the evidence of articles published on or before it counts, and a relationship none of them states is left out. In a code block, <code>$as_of</code> is written <code>null</code> (all articles); put a date in quotes there, such as <code>&#39;%s&#39;</code>, as the second block of such a slide does. From a terminal: <code>dipgraph query run NAME --as-of %s</code>.</p>\n", GuideAsOf, GuideAsOf)
	g.p("</div>\n</slide>\n")
}

// schemaSlide describes the labels, properties, relationship types and the analysis.
func (g *guideWriter) schemaSlide() {
	g.p("<slide class=\"row-fluid\">\n<div class=\"col-sm-12\">\n<h3>The schema</h3>\n")
	g.p("<p>Every actor and event is an <code>:Entity</code> with <code>key</code>, <code>name</code>, <code>aliases</code> (the forms the articles use), <code>alt_names</code>, <code>mention_count</code>, <code>article_count</code> and, when known, <code>qid</code> (Wikidata). Events also carry <code>:Event</code> and a label such as <code>:Ceasefire</code> or <code>:Talks</code>.</p>\n")
	g.p("<p>Actor labels: <code>:State</code> <code>:Person</code> <code>:ArmedGroup</code> <code>:Coalition</code> <code>:ArmedForce</code> <code>:Government</code> <code>:Opposition</code> <code>:Organisation</code> <code>:Location</code>. ")
	g.p("<code>(:Article {id, title, published, source, url})-[:MENTIONS {count, forms}]-&gt;(:Entity)</code> records where each entity appears; <code>source</code> is the outlet, which the queries count as <code>sources</code>.</p>\n")
	g.p("<p>Relationships carry <code>status</code> (asserted, proposed, negated, speculated), <code>key</code>, <code>article_count</code>, <code>mention_count</code>, <code>first_seen</code>, <code>last_seen</code> and their event coding; each sentence that states one is an <code>(:Evidence {rel, article, sentence, spans, text, published, date, event})</code> node whose <code>rel</code> is the relationship&#39;s <code>key</code>:</p>\n")
	g.codingsTable()
	g.p("<pre class=\"pre-scrollable code runnable\">CALL db.schema.visualization()</pre>\n")
	g.p("<p>After <code>dipgraph analyze</code>, an <code>:AnalysisRun</code> node holds the run's parameters (<code>from</code>, <code>to</code>, <code>min_articles</code>), the balance of the signed graph and its strongest unbalanced triads, and each actor analysed carries <code>bloc</code>, <code>betweenness</code> (brokerage on the cooperation graph) and <code>pagerank</code> (influence). The signed graph counts consultation and cooperation as positive ties and conflict as negative, each weighted by articles × |Goldstein|. Blocs are its communities (friends inside, foes across); a bloc's balance is 1 − the share of its ties that contradict that (conflict inside, cooperation across). The members of the eight largest blocs also carry a label <code>:Bloc1</code> … <code>:Bloc8</code>, which the style colours, so the graph view shows the blocs. The queries <code>blocs</code>, <code>brokers</code> and <code>unbalanced-triads</code> read the latest run.</p>\n")
	g.p("<pre class=\"pre-scrollable code runnable\">MATCH (n:Entity)-[r]-&gt;(m:Entity) WHERE n.bloc IS NOT NULL AND m.bloc IS NOT NULL AND r.family IN ['consult', 'cooperate', 'conflict'] RETURN n, r, m LIMIT 300</pre>\n")
	g.p("</div>\n</slide>\n")
}

// codingsTable lists the relationship types of graph.Codings by family.
func (g *guideWriter) codingsTable() {
	g.p("<table class=\"table-condensed\">\n<tr><th>type</th><th>family</th><th>CAMEO</th><th>Goldstein</th><th>QuadClass</th></tr>\n")
	types := slices.Collect(maps.Keys(graph.Codings))
	sort.Slice(types, func(i, j int) bool {
		a, c := graph.Codings[types[i]], graph.Codings[types[j]]
		if a.Family != c.Family {
			return a.Family < c.Family
		}
		return types[i] < types[j]
	})
	for _, t := range types {
		c := graph.Codings[t]
		gs, qc := "", ""
		if c.CAMEO != "" {
			gs = strconv.FormatFloat(c.Goldstein, 'f', -1, 64)
			qc = strconv.Itoa(c.QuadClass)
		}
		g.p("<tr><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", t, c.Family, c.CAMEO, gs, qc)
	}
	g.p("</table>\n")
}

// querySlide is one query's slide: its parameters, its command line, and the query with
// the example's values (and as of GuideAsOf when it takes a date) as runnable blocks.
func (g *guideWriter) querySlide(q *Query) error {
	e := html.EscapeString
	args, err := q.ExampleParams()
	if err != nil {
		return err
	}
	code, err := q.exampleCode(args, "")
	if err != nil {
		return err
	}
	g.p("<slide class=\"row-fluid\">\n<div class=\"col-sm-12\">\n<h3>%s</h3>\n<p class=\"lead\">%s</p>\n", e(q.Name), e(q.Description))
	g.paramTable(q)
	g.p("<p>From a terminal: <code>%s</code>. Here with the example's values:</p>\n", e(q.Examples[0]))
	g.p("<pre class=\"pre-scrollable code runnable\" data-query=\"%s\">%s</pre>\n", e(q.Name), e(code))
	if q.TakesAsOf() {
		asOf, err := q.exampleCode(args, GuideAsOf)
		if err != nil {
			return err
		}
		g.p("<p>The same as of %s (<code>--as-of %s</code>): only the articles published by then count.</p>\n", GuideAsOf, GuideAsOf)
		g.p("<pre class=\"pre-scrollable code runnable\" data-query=\"%s\" data-as-of=\"%s\">%s</pre>\n", e(q.Name), GuideAsOf, e(asOf))
	}
	g.p("</div>\n</slide>\n")
	return nil
}

// paramTable lists a query's parameters, if it has any.
func (g *guideWriter) paramTable(q *Query) {
	if len(q.Params) == 0 {
		return
	}
	e := html.EscapeString
	g.p("<table class=\"table-condensed\">\n<tr><th>parameter</th><th>type</th><th>default</th><th>meaning</th></tr>\n")
	for _, pr := range q.Params {
		def := "(required)"
		if pr.Has {
			def = strconv.Quote(pr.Default)
		}
		g.p("<tr><td><code>%s</code></td><td>%s</td><td>%s</td><td>%s</td></tr>\n", e(pr.Name), e(pr.Type), e(def), e(pr.Meaning))
	}
	g.p("</table>\n")
}

// exampleCode is the query with the example's parameters (and asOf, unless empty) inlined.
func (q *Query) exampleCode(args []string, asOf string) (string, error) {
	bound, err := q.Bind(args, asOf)
	if err != nil {
		return "", fmt.Errorf("%s: example: %w", q.Source, err)
	}
	return q.Inline(bound)
}

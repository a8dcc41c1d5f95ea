package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/export"
	"github.com/dipgraph/dipgraph/internal/schema"
	"github.com/dipgraph/dipgraph/internal/store/storetest"
)

// exported is what a reader finds in an export: a line per node ("id labels {keys}") and
// per relationship ("TYPE from -> to {keys}"), sorted, naming each property by its key.
type exported struct {
	nodes, rels []string
}

// exporter is one format of the contract: how to write a dataset into a folder, and how
// to read back the nodes and relationships the files hold.
type exporter struct {
	name  string
	write func(dir string, ds *schema.Dataset) error
	read  func(t *testing.T, dir string) exported
	// want is what the format holds of ds (every node and relationship, unless the
	// format leaves some out by design).
	want func(ds *schema.Dataset) exported
}

func toFile(name string, w func(io.Writer, *schema.Dataset) error) func(string, *schema.Dataset) error {
	return func(dir string, ds *schema.Dataset) error {
		var b bytes.Buffer
		if err := w(&b, ds); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644)
	}
}

var exporters = []exporter{
	{"json", toFile("graph.json", export.WriteJSON), readJSON, everything},
	{"graphml", toFile("graph.graphml", export.WriteGraphML), readGraphML, everything},
	{"csv", export.WriteCSV, readCSV, everything},
	{"cypher", toFile("graph.cypher", export.WriteCypher), readCypher, everything},
	{"dot", toFile("graph.dot", export.WriteDot), readDot, linkedEntities},
}

// TestExporterContract runs every exporter on a small dataset and checks that its output
// does not depend on the order the articles come in or on the run, and that reading it
// back finds every node and relationship of the dataset with every property.
func TestExporterContract(t *testing.T) {
	arts := storetest.Articles(12, 31)
	shuffled := slices.Clone(arts)
	slices.Reverse(shuffled)
	ds, again := schema.Build(arts), schema.Build(shuffled)
	for _, ex := range exporters {
		t.Run(ex.name, func(t *testing.T) {
			one, two := t.TempDir(), t.TempDir()
			if err := ex.write(one, ds); err != nil {
				t.Fatal(err)
			}
			if err := ex.write(two, again); err != nil {
				t.Fatal(err)
			}
			if a, b := folder(t, one), folder(t, two); !maps2Equal(a, b) {
				t.Errorf("two runs on the same articles in another order write different files")
			}
			got, want := ex.read(t, one), ex.want(ds)
			if len(want.nodes) == 0 || len(want.rels) == 0 {
				t.Fatal("the dataset is empty")
			}
			compare(t, "node", got.nodes, want.nodes)
			compare(t, "relationship", got.rels, want.rels)
		})
	}
}

func folder(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func maps2Equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func compare(t *testing.T, what string, got, want []string) {
	t.Helper()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%d %ss read back, the dataset has %d:\n%s", len(got), what, len(want), storetest.Diff(want, got, 10))
	}
}

func nodeLine(id string, labels []string, keys []string) string {
	slices.Sort(keys)
	return id + " " + strings.Join(labels, ":") + " {" + strings.Join(keys, ",") + "}"
}

func relLine(typ, from, to string, keys []string) string {
	slices.Sort(keys)
	return typ + " " + from + " -> " + to + " {" + strings.Join(keys, ",") + "}"
}

func propKeys(ps schema.Props) []string {
	keys := make([]string, len(ps))
	for i, p := range ps {
		keys[i] = p.Key
	}
	return keys
}

// nodeID names a node as the single-file formats do.
func nodeID(n schema.Node, evidence int) string {
	switch {
	case n.Article():
		return "article:" + n.ID
	case n.ID == "":
		return fmt.Sprintf("evidence:%d", evidence)
	}
	return n.ID
}

func relFrom(r schema.Rel) string {
	if r.FromArticle {
		return "article:" + r.From
	}
	return r.From
}

// everything is the whole dataset.
func everything(ds *schema.Dataset) exported {
	var e exported
	ev := 0
	for _, n := range ds.Nodes() {
		e.nodes = append(e.nodes, nodeLine(nodeID(n, ev), n.Labels, propKeys(n.Props)))
		if n.ID == "" {
			ev++
		}
	}
	for _, r := range ds.Relationships() {
		e.rels = append(e.rels, relLine(r.Type, relFrom(r), r.To, propKeys(r.Props)))
	}
	return e
}

// linkedEntities is what the DOT picture draws: entities with a domain relationship and
// those relationships, by label (name) and type.
func linkedEntities(ds *schema.Dataset) exported {
	var e exported
	linked := map[string]bool{}
	for _, r := range ds.Rels {
		linked[r.From], linked[r.To] = true, true
		e.rels = append(e.rels, relLine(r.Type, r.From, r.To, nil))
	}
	for _, n := range ds.Entities {
		if linked[n.ID] {
			e.nodes = append(e.nodes, nodeLine(n.ID, nil, nil))
		}
	}
	return e
}

func readJSON(t *testing.T, dir string) exported {
	var g struct {
		Nodes []struct {
			ID         string         `json:"id"`
			Labels     []string       `json:"labels"`
			Properties map[string]any `json:"properties"`
		} `json:"nodes"`
		Relationships []struct {
			Type, Start, End string
			Properties       map[string]any `json:"properties"`
		} `json:"relationships"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "graph.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("JSON does not parse: %v", err)
	}
	var e exported
	for _, n := range g.Nodes {
		e.nodes = append(e.nodes, nodeLine(n.ID, n.Labels, keysOf(n.Properties)))
	}
	for _, r := range g.Relationships {
		e.rels = append(e.rels, relLine(r.Type, r.Start, r.End, keysOf(r.Properties)))
	}
	return e
}

func keysOf(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return keys
}

func readGraphML(t *testing.T, dir string) exported {
	type data struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
	var doc struct {
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []data `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []data `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "graph.graphml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	var e exported
	for _, n := range doc.Graph.Nodes {
		var labels, keys []string
		for _, d := range n.Data {
			if d.Key == "n_labels" {
				labels = strings.Split(d.Value, ";")
				continue
			}
			keys = append(keys, strings.TrimPrefix(d.Key, "n_"))
		}
		e.nodes = append(e.nodes, nodeLine(n.ID, labels, keys))
	}
	for _, r := range doc.Graph.Edges {
		var typ string
		var keys []string
		for _, d := range r.Data {
			if d.Key == "e_type" {
				typ = d.Value
				continue
			}
			keys = append(keys, strings.TrimPrefix(d.Key, "e_"))
		}
		e.rels = append(e.rels, relLine(typ, r.Source, r.Target, keys))
	}
	return e
}

// readCSV reads the import tool's files: an ID column names a node (articles prefixed, as
// the single-file formats do; evidence, without one, by row), a column left empty is a
// property the row does not have.
func readCSV(t *testing.T, dir string) exported {
	var e exported
	ev := 0
	for _, f := range []string{export.ArticlesFile, export.EntitiesFile, export.EvidenceFile, export.MentionsFile, export.RelsFile} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		quoted := quotedFields(string(b))
		if len(quoted) != len(recs) {
			t.Fatalf("%s: %d records, %d by quoting", f, len(recs), len(quoted))
		}
		head := recs[0]
		for r, rec := range recs[1:] {
			var id, typ, from, to string
			var labels, keys []string
			for i, h := range head {
				name, kind, _ := strings.Cut(h, ":")
				switch {
				case strings.HasPrefix(kind, "ID("):
					id, keys = rec[i], append(keys, name)
					if kind == "ID("+schema.Article+")" {
						id = "article:" + id
					}
				case kind == "LABEL":
					labels = strings.Split(rec[i], export.ArrayDelimiter)
				case kind == "START_ID("+schema.Article+")":
					from = "article:" + rec[i]
				case strings.HasPrefix(kind, "START_ID("):
					from = rec[i]
				case strings.HasPrefix(kind, "END_ID("):
					to = rec[i]
				case kind == "TYPE":
					typ = rec[i]
				default:
					if quoted[r+1][i] {
						keys = append(keys, name)
					}
				}
			}
			switch {
			case typ != "":
				e.rels = append(e.rels, relLine(typ, from, to, keys))
			case id == "":
				e.nodes = append(e.nodes, nodeLine(fmt.Sprintf("evidence:%d", ev), labels, keys))
				ev++
			default:
				e.nodes = append(e.nodes, nodeLine(id, labels, keys))
			}
		}
	}
	return e
}

// quotedFields returns, per record of a CSV text, whether each field was quoted: the
// export quotes every value, so an unquoted empty field is a property the row does not
// have, while "" is an empty string (encoding/csv reads both as "").
func quotedFields(text string) [][]bool {
	var recs [][]bool
	var cur []bool
	inQuotes, fieldStart := false, true
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case inQuotes && c == '"' && i+1 < len(text) && text[i+1] == '"':
			i++
		case inQuotes && c == '"':
			inQuotes = false
		case fieldStart && c == '"':
			inQuotes = true
			cur = append(cur, true)
			fieldStart = false
		case !inQuotes && (c == ',' || c == '\n'):
			if fieldStart {
				cur = append(cur, false)
			}
			fieldStart = true
			if c == '\n' {
				recs = append(recs, cur)
				cur = nil
			}
		case fieldStart:
			cur = append(cur, false)
			fieldStart = false
		}
	}
	return recs
}

// readCypher reads the statements the Cypher export writes: a CREATE per node and a
// MATCH … CREATE per relationship (TestCypherExportLoadsToTheIngestedGraph runs them).
func readCypher(t *testing.T, dir string) exported {
	b, err := os.ReadFile(filepath.Join(dir, "graph.cypher"))
	if err != nil {
		t.Fatal(err)
	}
	node := regexp.MustCompile("^CREATE \\(:([^ ]+) \\{(.*)\\}\\);$")
	rel := regexp.MustCompile(`^MATCH \(a:(\w+) \{(\w+): '((?:[^'\\]|\\.)*)'\}\), \(b:Entity \{key: '((?:[^'\\]|\\.)*)'\}\) CREATE \(a\)-\[:` + "`(\\w+)`" + ` \{(.*)\}\]->\(b\);$`)
	key := regexp.MustCompile("(?:^|, )`(\\w+)`: ")
	var e exported
	ev := 0
	for _, line := range strings.Split(string(b), "\n") {
		if m := node.FindStringSubmatch(line); m != nil {
			labels := strings.Split(strings.ReplaceAll(m[1], "`", ""), ":")
			keys := keysIn(key, m[2])
			id := valueOf(m[2], schema.EntityKey)
			switch {
			case labels[0] == schema.Article:
				id = "article:" + valueOf(m[2], schema.ArticleKey)
			case labels[0] == schema.Evidence:
				id = fmt.Sprintf("evidence:%d", ev)
				ev++
			}
			e.nodes = append(e.nodes, nodeLine(id, labels, keys))
		} else if m := rel.FindStringSubmatch(line); m != nil {
			from := unescape(m[3])
			if m[1] == schema.Article {
				from = "article:" + from
			}
			e.rels = append(e.rels, relLine(m[5], from, unescape(m[4]), keysIn(key, m[6])))
		}
	}
	return e
}

// keysIn returns the property keys of a Cypher map's text; strings inside it are skipped.
func keysIn(key *regexp.Regexp, m string) []string {
	var keys []string
	for _, k := range key.FindAllStringSubmatch(stripStrings(m), -1) {
		keys = append(keys, k[1])
	}
	return keys
}

var cypherStr = regexp.MustCompile(`'(?:[^'\\]|\\.)*'`)

func stripStrings(s string) string { return cypherStr.ReplaceAllString(s, "''") }

// valueOf returns the string value of key k in a Cypher map's text.
func valueOf(m, k string) string {
	re := regexp.MustCompile("(?:^|, )`" + k + "`: '((?:[^'\\\\]|\\\\.)*)'")
	if v := re.FindStringSubmatch(m); v != nil {
		return unescape(v[1])
	}
	return ""
}

func unescape(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\'`, `'`, `\n`, "\n", `\r`, "\r", `\t`, "\t").Replace(s)
}

// readDot reads the node and edge lines of the DOT picture.
func readDot(t *testing.T, dir string) exported {
	b, err := os.ReadFile(filepath.Join(dir, "graph.dot"))
	if err != nil {
		t.Fatal(err)
	}
	node := regexp.MustCompile(`^  "((?:[^"\\]|\\.)*)" \[label=`)
	edge := regexp.MustCompile(`^  "((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)" \[label="((?:[^"\\]|\\.)*)"`)
	var e exported
	for _, line := range strings.Split(string(b), "\n") {
		if m := edge.FindStringSubmatch(line); m != nil {
			e.rels = append(e.rels, relLine(m[3], m[1], m[2], nil))
		} else if m := node.FindStringSubmatch(line); m != nil {
			e.nodes = append(e.nodes, nodeLine(m[1], nil, nil))
		}
	}
	return e
}

// TestDotDrawsNodesInTheSchemaColours checks the picture's colours against the schema:
// each entity is filled with the style of its most specific known label.
func TestDotDrawsNodesInTheSchemaColours(t *testing.T) {
	ds := schema.Build(storetest.Articles(12, 32))
	var b bytes.Buffer
	if err := export.WriteDot(&b, ds); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, n := range ds.Entities {
		label := n.Labels[len(n.Labels)-1]
		st, ok := schema.LabelStyle(label)
		if !ok {
			continue
		}
		shape := "ellipse"
		if slices.Contains(n.Labels, graph.EventLabel) {
			shape = "box"
		}
		want := fmt.Sprintf(`  %q [label=`, n.ID)
		for _, line := range strings.Split(b.String(), "\n") {
			if strings.HasPrefix(line, want) {
				checked++
				if !strings.Contains(line, fmt.Sprintf("shape=%s, fillcolor=%q, fontcolor=%q", shape, st.Fill, st.Text)) {
					t.Errorf("%s (%s): %s, want %s filled %s", n.ID, label, line, shape, st.Fill)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no node of a known label drawn")
	}
}

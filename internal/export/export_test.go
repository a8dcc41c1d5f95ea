package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/export"
	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/internal/schema"
)

// corpus writes a small corpus that exercises the aggregation: the example article twice
// under other ids, two articles naming one unknown group with different spellings (the
// store and graph.Merge must pick the same name), shared entities with evidence from
// several articles, and text with quotes, backslashes and a line break.
func corpus(t *testing.T) string {
	dir := neo4jtest.Corpus(t, t.TempDir(), 2)
	neo4jtest.Article(t, dir, "m1", "2016-05-02", "Russia fights the Black Banner Brigade near O'Brien's \"farm\" \\ depot.\nSergey Lavrov spoke with John Kerry.", []neo4jtest.Ent{
		{"T1", "State", "Russia"}, {"T2", "ArmedGroup", "Black Banner Brigade"}, {"T3", "Person", "Sergey Lavrov"}, {"T4", "Person", "John Kerry"},
	}, "R1\tFights Arg1:T1 Arg2:T2", "R2\tSpokeWith Arg1:T3 Arg2:T4")
	neo4jtest.Article(t, dir, "m0", "", "The black banner brigade attacked Russia. Russia fights Islamic State.", []neo4jtest.Ent{
		{"T1", "ArmedGroup", "black banner brigade"}, {"T2", "State", "Russia"}, {"T3", "State", "Russia"}, {"T4", "ArmedGroup", "Islamic State"},
	}, "R1\tAttacks Arg1:T1 Arg2:T2", "R2\tFights Arg1:T3 Arg2:T4")
	return dir
}

func build(t *testing.T, dir string) (*schema.Dataset, []ingest.Source) {
	t.Helper()
	srcs, _, err := ingest.Discover([]string{dir}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	b := graph.NewBuilder(graph.BuiltinGazetteer())
	var parts []*graph.ArticleGraph
	for _, s := range srcs {
		bt := load.Build(s, b)
		if bt.Err != nil {
			t.Fatalf("%s: %v", bt.Source, bt.Err)
		}
		parts = append(parts, bt.Graph)
	}
	return schema.Build(parts), srcs
}

// TestCypherExportLoadsToTheIngestedGraph loads the Cypher export into a clean database
// and compares its fingerprint with a direct ingest of the same articles.
func TestCypherExportLoadsToTheIngestedGraph(t *testing.T) {
	st := neo4jtest.Open(t)
	ctx := context.Background()
	dir := corpus(t)
	ds, srcs := build(t, dir)
	sum, err := load.Run(ctx, srcs, st, load.Options{BatchSize: 2, Builder: graph.NewBuilder(graph.BuiltinGazetteer())})
	if err != nil || sum.New != len(srcs) {
		t.Fatalf("ingest: %v %s", err, sum)
	}
	want, err := st.GraphFingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	var script bytes.Buffer
	if err := export.WriteCypher(&script, ds); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSpace(script.String()), "\n") {
		if !strings.HasPrefix(line, "//") && !strings.HasSuffix(line, ";") {
			t.Fatalf("line %d is not a ;-terminated statement: %s", i+1, line)
		}
		if strings.Contains(line, "$") || strings.HasPrefix(line, ":") {
			t.Fatalf("line %d uses a parameter or client command: %s", i+1, line)
		}
	}
	if _, err := st.ExecScript(ctx, &script); err != nil {
		t.Fatalf("run the Cypher export: %v", err)
	}
	got, err := st.GraphFingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		gl, _ := st.GraphDump(ctx)
		t.Fatalf("Cypher export loads to %s, direct ingest gave %s; export lines:\n%s", got, want, strings.Join(gl, "\n"))
	}
	t.Logf("cypher export and direct ingest: %s", got)
}

// The header grammar of neo4j-admin database import (Operations Manual, "CSV header
// format"): <name>:<field_type>, where the type is one of ID, LABEL, START_ID, END_ID,
// TYPE or IGNORE (ID and the relationship ends with an optional id space in brackets) or a
// property type, with [] for arrays; without a type a column is a string property.
var (
	headerField = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)?(:(ID|START_ID|END_ID)(\([A-Za-z_][A-Za-z0-9_]*\))?|:(LABEL|TYPE|IGNORE)|:(int|long|float|double|boolean|byte|short|char|string|point|date|localtime|time|localdatetime|datetime|duration)(\[\])?)?$`)
	special     = regexp.MustCompile(`:(ID|START_ID|END_ID|LABEL|TYPE)`)
	idSpace     = regexp.MustCompile(`:(?:ID|START_ID|END_ID)\(([^)]*)\)`)
)

func TestCSVHeadersFollowTheImportToolSyntax(t *testing.T) {
	ds, _ := build(t, corpus(t))
	out := t.TempDir()
	if err := export.WriteCSV(out, ds); err != nil {
		t.Fatal(err)
	}
	spaces := map[string]bool{}
	check := func(file string, node bool) (rows int) {
		f, err := os.Open(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r := csv.NewReader(f)
		head, err := r.Read()
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		count := map[string]int{}
		names := map[string]bool{}
		for _, h := range head {
			if !headerField.MatchString(h) {
				t.Errorf("%s: header field %q is not in the import tool's syntax", file, h)
			}
			if m := special.FindStringSubmatch(h); m != nil {
				count[m[1]]++
			} else {
				name, _, _ := strings.Cut(h, ":")
				if names[name] {
					t.Errorf("%s: property %s twice", file, name)
				}
				names[name] = true
			}
			if m := idSpace.FindStringSubmatch(h); m != nil {
				if strings.Contains(h, ":ID(") {
					spaces[m[1]] = true
				} else if !spaces[m[1]] {
					t.Errorf("%s: %s refers to id space %s that no node file defines", file, h, m[1])
				}
			}
		}
		want := map[string]int{"ID": 1, "LABEL": 1}
		if !node {
			want = map[string]int{"START_ID": 1, "END_ID": 1, "TYPE": 1}
		}
		for k, n := range want {
			if count[k] != n {
				t.Errorf("%s: %d :%s columns, want %d (header %v)", file, count[k], k, n, head)
			}
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if len(rec) != len(head) {
				t.Fatalf("%s: row of %d fields under a header of %d", file, len(rec), len(head))
			}
			rows++
		}
		return rows
	}
	if n := check(export.ArticlesFile, true); n != len(ds.Articles) {
		t.Errorf("articles.csv: %d rows, want %d", n, len(ds.Articles))
	}
	if n := check(export.EntitiesFile, true); n != len(ds.Entities) {
		t.Errorf("entities.csv: %d rows, want %d", n, len(ds.Entities))
	}
	if n := check(export.MentionsFile, false); n != len(ds.Mentions) {
		t.Errorf("mentions.csv: %d rows, want %d", n, len(ds.Mentions))
	}
	if n := check(export.RelsFile, false); n != len(ds.Rels) {
		t.Errorf("relationships.csv: %d rows, want %d", n, len(ds.Rels))
	}
	// The typed columns the store's properties need.
	b, _ := os.ReadFile(filepath.Join(out, export.EntitiesFile))
	for _, col := range []string{"key:ID(Entity)", ":LABEL", "aliases:string[]", "mention_count:long", "article_count:long"} {
		if !strings.Contains(strings.SplitN(string(b), "\n", 2)[0], col) {
			t.Errorf("entities.csv header lacks %s", col)
		}
	}
}

// TestGraphMLIsWellFormed checks what the contract (TestExporterContract) does not: every
// data key is declared and every edge ends at a node, on text with quotes and line breaks.
func TestGraphMLIsWellFormed(t *testing.T) {
	ds, _ := build(t, corpus(t))
	var buf bytes.Buffer
	if err := export.WriteGraphML(&buf, ds); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Keys []struct {
			ID string `xml:"id,attr"`
		} `xml:"key"`
		Graph struct {
			Nodes []struct {
				ID   string `xml:"id,attr"`
				Data []struct {
					Key string `xml:"key,attr"`
				} `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	keys := map[string]bool{}
	for _, k := range doc.Keys {
		keys[k.ID] = true
	}
	ids := map[string]bool{}
	for _, n := range doc.Graph.Nodes {
		ids[n.ID] = true
		for _, d := range n.Data {
			if !keys[d.Key] {
				t.Errorf("node %s: data key %s is not declared", n.ID, d.Key)
			}
		}
	}
	for _, e := range doc.Graph.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			t.Errorf("edge %s → %s has an end that is not a node", e.Source, e.Target)
		}
	}
}

// TestDotRendersWithGraphviz has Graphviz render the picture, when it is installed.
func TestDotRendersWithGraphviz(t *testing.T) {
	ds, _ := build(t, corpus(t))
	var buf bytes.Buffer
	if err := export.WriteDot(&buf, ds); err != nil {
		t.Fatal(err)
	}
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz dot not installed; structure checked only")
	}
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = &buf
	out, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("<svg")) {
		t.Fatalf("dot -Tsvg: %v\n%s", err, out)
	}
}

// TestCSVImportsToTheIngestedGraph runs the real import tool on the CSV export, starts a
// private server on the imported database and compares its fingerprint with a direct
// ingest of the same articles.
func TestCSVImportsToTheIngestedGraph(t *testing.T) {
	ctx := context.Background()
	dir := corpus(t)
	ds, srcs := build(t, dir)
	out := t.TempDir()
	if err := export.WriteCSV(out, ds); err != nil {
		t.Fatal(err)
	}
	// The private server first, so the shared one is not held while it starts.
	srv := neo4jtest.NewServer(t)
	log, err := srv.AdminImport(out, export.ImportArgs()...)
	if err != nil {
		t.Fatalf("neo4j-admin database import full: %v\n%s", err, log)
	}
	if i := strings.Index(log, "IMPORT DONE"); i >= 0 {
		t.Logf("import tool: %s", strings.Join(strings.Fields(log[i:]), " "))
	}
	srv.Start()
	imp := srv.Open()
	post, err := os.Open(filepath.Join(out, export.PostImport))
	if err != nil {
		t.Fatal(err)
	}
	defer post.Close()
	if _, err := imp.ExecScript(ctx, post); err != nil {
		t.Fatalf("post-import script: %v", err)
	}
	got, err := imp.GraphFingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}

	st := neo4jtest.Open(t)
	if sum, err := load.Run(ctx, srcs, st, load.Options{Builder: graph.NewBuilder(graph.BuiltinGazetteer())}); err != nil || sum.New != len(srcs) {
		t.Fatalf("ingest: %v %s", err, sum)
	}
	want, err := st.GraphFingerprint(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		imported, _ := srv.Open().GraphDump(ctx)
		ingested, _ := st.GraphDump(ctx)
		t.Fatalf("CSV import gives %s, direct ingest %s\nimported:\n%s\ningested:\n%s", got, want, strings.Join(imported, "\n"), strings.Join(ingested, "\n"))
	}
	t.Logf("CSV import and direct ingest: %s", got)
}

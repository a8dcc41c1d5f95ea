package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/internal/neo4jstore"
)

func TestWriteRowsRendersGraphValuesReadably(t *testing.T) {
	russia := neo4jstore.NodeValue{Labels: []string{"Entity", "State"}, Props: map[string]any{"name": "Russia", "key": "wikidata:Q159"}}
	is := neo4jstore.NodeValue{Labels: []string{"Entity", "ArmedGroup"}, Props: map[string]any{"name": "Islamic State"}}
	path := neo4jstore.PathValue{Nodes: []neo4jstore.NodeValue{russia, is}, Rels: []neo4jstore.RelValue{{Type: "FIGHTS", From: "Russia", To: "Islamic State"}}}
	back := neo4jstore.PathValue{Nodes: []neo4jstore.NodeValue{is, russia}, Rels: []neo4jstore.RelValue{{Type: "FIGHTS", From: "Russia", To: "Islamic State"}}}
	rows := []neo4jstore.Row{{Keys: []string{"n", "p", "q"}, Values: []any{russia, path, back}}}

	var tab bytes.Buffer
	if err := Rows(&tab, "table", rows, 200); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Russia (:State)", "Russia -[:FIGHTS]-> Islamic State", "Islamic State <-[:FIGHTS]- Russia", "(1 row)"} {
		if !strings.Contains(tab.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, tab.String())
		}
	}

	var js bytes.Buffer
	if err := Rows(&js, "json", rows, 0); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(js.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	n := m["n"].(map[string]any)
	if n["name"] != "Russia" || n["key"] != "wikidata:Q159" {
		t.Errorf("node as JSON: %v", n)
	}
	p := m["p"].(map[string]any)
	if p["path"] != "Russia -[:FIGHTS]-> Islamic State" || len(p["nodes"].([]any)) != 2 || p["relationships"].([]any)[0].(map[string]any)["type"] != "FIGHTS" {
		t.Errorf("path as JSON: %v", p)
	}
}

func TestTableFitsAndWraps(t *testing.T) {
	sentence := "Russia says it is fighting Islamic State and the Al-Nusra Front in Syria, while Washington suspects more."
	var b bytes.Buffer
	if err := Table(&b, []string{"subject", "object", "sentence"}, [][]string{{"Russia", "Islamic State", sentence}}, 60); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	for _, l := range lines {
		if len([]rune(l)) > 60 {
			t.Errorf("line wider than 60: %q", l)
		}
	}
	if !strings.HasPrefix(lines[2], "Russia   Islamic State  ") {
		t.Errorf("short columns are not kept whole and aligned: %q", lines[2])
	}
	var words []string
	for _, l := range lines[2:] {
		words = append(words, strings.Fields(l[len("Russia   Islamic State  "):])...)
	}
	if strings.Join(words, " ") != sentence {
		t.Errorf("wrapped sentence reads %q", strings.Join(words, " "))
	}
}

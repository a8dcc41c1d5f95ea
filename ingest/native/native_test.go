package native_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
	"github.com/dipgraph/dipgraph/ingest/readers"
)

const nativeLines = `{"id": "call", "title": "A call", "published": "2016-03-19", "meta": {"desk": "world", "pages": 2}, "text": "Kerry phoned Lavrov; later Kerry – not Lavrov – spoke of a “truce”.", "mentions": [{"id": "m1", "type": "Person", "start": 0, "end": 5, "wikidata": "Q22316"}, {"id": "m2", "type": "Person", "quote": "Lavrov"}, {"id": "m3", "type": "Person", "quote": "Kerry", "occurrence": 2}, {"id": "m4", "type": "Person", "spans": [[27, 32], [39, 45]], "text": "Kerry Lavrov"}, {"id": "t1", "type": "Ceasefire", "quote": "truce"}], "relations": [{"id": "r1", "type": "SpokeWith", "from": "m1", "to": "m2", "status": "asserted"}], "events": [{"id": "e1", "type": "Ceasefire", "trigger": "t1", "args": [{"role": "Proposer", "ref": "m3"}], "status": "proposed"}], "attributes": [{"target": "e1", "name": "Confidence", "value": "High"}], "norms": [{"target": "m2", "ref": "Wikidata:Q154972"}], "equivalences": [["m1", "m3"]], "notes": [{"target": "m4", "text": "two people, one mention, for the test"}]}

{"id": "second", "text": "Nothing annotated."}
`

func TestNative(t *testing.T) {
	dir := t.TempDir()
	ingesttest.WriteFiles(t, dir, map[string]string{"a.jsonl": nativeLines})
	msgs, arts := ingesttest.Problems(t, dir, []string{"."}, ingest.Options{Readers: readers.All()})
	if len(msgs) > 0 {
		t.Fatalf("problems: %v", msgs)
	}
	if len(arts) != 2 || arts[1].ID != "second" || arts[1].Line != 3 {
		t.Fatalf("articles: %d (second on line %d)", len(arts), arts[len(arts)-1].Line)
	}
	a := arts[0]
	wantM := []ingest.Mention{
		{ID: "m1", Type: "Person", Spans: []ingest.Span{{Start: 0, End: 5}}, Text: "Kerry", Line: 1},
		{ID: "m2", Type: "Person", Spans: []ingest.Span{{Start: 13, End: 19}}, Text: "Lavrov", Line: 1},
		{ID: "m3", Type: "Person", Spans: []ingest.Span{{Start: 27, End: 32}}, Text: "Kerry", Line: 1},
		{ID: "m4", Type: "Person", Spans: []ingest.Span{{Start: 27, End: 32}, {Start: 39, End: 45}}, Text: "Kerry Lavrov", Line: 1},
		{ID: "t1", Type: "Ceasefire", Spans: []ingest.Span{{Start: 60, End: 65}}, Text: "truce", Line: 1},
	}
	if !reflect.DeepEqual(a.Mentions, wantM) {
		t.Errorf("mentions:\n%+v\nwant\n%+v", a.Mentions, wantM)
	}
	idx := ingest.NewTextIndex(a.Text)
	for _, m := range a.Mentions {
		if got, _ := idx.Covered(m.Spans); got != m.Text {
			t.Errorf("%s covers %q, text %q", m.ID, got, m.Text)
		}
	}
	if got := a.Mentions[2].Spans[0]; got != (ingest.Span{Start: 27, End: 32}) {
		t.Errorf("second Kerry at %v, want 27-32", got)
	}
	wantAttrs := []ingest.Attribute{
		{ID: "_s2", Name: "Status", Target: "r1", Value: "asserted", Line: 1},
		{ID: "_s3", Name: "Status", Target: "e1", Value: "proposed", Line: 1},
		{ID: "_a4", Name: "Confidence", Target: "e1", Value: "High", Line: 1},
	}
	if !reflect.DeepEqual(a.Attributes, wantAttrs) {
		t.Errorf("attributes:\n%+v\nwant\n%+v", a.Attributes, wantAttrs)
	}
	wantNorms := []ingest.Norm{
		{ID: "_n1", Type: "Reference", Target: "m1", DB: "Wikidata", DBID: "Q22316", Text: "Kerry", Line: 1},
		{ID: "_n5", Type: "Reference", Target: "m2", DB: "Wikidata", DBID: "Q154972", Line: 1},
	}
	if !reflect.DeepEqual(a.Norms, wantNorms) {
		t.Errorf("norms:\n%+v\nwant\n%+v", a.Norms, wantNorms)
	}
	if a.Meta["pages"] != "2" || a.Published != "2016-03-19" {
		t.Errorf("meta %v published %q", a.Meta, a.Published)
	}
}

// TestNativeFormattedLines checks that messages point at the line of the object at fault in
// a pretty-printed native .json article.
func TestNativeFormattedLines(t *testing.T) {
	dir := t.TempDir()
	ingesttest.WriteFiles(t, dir, map[string]string{"a.json": `{
  "id": "call",
  "text": "Kerry phoned Lavrov.",
  "mentions": [
    {"id": "m1", "type": "Person", "start": 0, "end": 5},
    {"id": "m2", "type": "Person",
     "quote": "Lavrov"},
    {"id": "m3", "type": "Person", "start": 13, "end": 19, "text": "Lavrow"}
  ],
  "relations": [
    {"id": "r1", "type": "SpokeWith", "from": "m1", "to": "m9"}
  ]
}
`})
	got, _ := ingesttest.Problems(t, dir, []string{"."}, ingest.Options{Readers: readers.All()})
	want := []string{
		`a.json:8: m3: span text "Lavrow" does not match the text at 13 19: "Lavrov"`,
		"a.json:11: relation r1 refers to unknown m9",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

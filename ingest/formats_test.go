package ingest_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
	"github.com/dipgraph/dipgraph/ingest/labelstudio"
	"github.com/dipgraph/dipgraph/ingest/native"
	"github.com/dipgraph/dipgraph/ingest/readers"
)

// lsExport is a small Label Studio export in the shape Label Studio writes: two tasks, the
// second with an emoji before its regions (Label Studio counts it as two UTF-16 units).
const lsExport = `[
  {
    "id": 41,
    "data": {"text": "Kerry phoned Lavrov about Syria.", "title": "A call", "published": "2016-03-19T10:00:00Z", "desk": "world", "rank": 2, "Unnamed: 0": 5},
    "annotations": [
      {"id": 1, "was_cancelled": true, "result": []},
      {
        "id": 2,
        "completed_by": 1,
        "result": [
          {"id": "a1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
           "value": {"start": 0, "end": 5, "text": "Kerry", "labels": ["Person"]}},
          {"id": "a2", "from_name": "label", "to_name": "text", "type": "labels",
           "value": {"start": 13, "end": 19, "text": "Lavrov", "labels": ["Person", "Minister"]},
           "meta": {"text": ["Russian foreign minister"]}},
          {"from_id": "a2", "to_id": "a1", "type": "relation", "direction": "left", "labels": ["SpokeWith"]},
          {"from_id": "a1", "to_id": "a2", "type": "relation", "direction": "bi", "labels": []},
          {"id": "c1", "from_name": "topic", "to_name": "text", "type": "choices", "value": {"choices": ["Diplomacy"]}}
        ]
      }
    ],
    "predictions": [{"result": [{"id": "p1", "type": "labels", "value": {"start": 0, "end": 5, "labels": ["State"]}}]}]
  },
  {
    "id": 42,
    "data": {"text": "🇺🇸 and 🇷🇺 back the truce — IS is left out.", "id": "truce-flags"},
    "annotations": [{"result": [
      {"id": "b1", "type": "labels", "value": {"start": 0, "end": 4, "text": "🇺🇸", "labels": ["State"]}},
      {"id": "b2", "type": "labels", "value": {"start": 9, "end": 13, "text": "🇷🇺", "labels": ["State"]}},
      {"id": "b3", "type": "labels", "value": {"start": 23, "end": 28, "text": "truce", "labels": ["Ceasefire"]}},
      {"id": "b4", "type": "labels", "value": {"start": 31, "end": 33, "text": "IS", "labels": ["ArmedGroup"]}}
    ]}]
  }
]
`

func TestLabelStudio(t *testing.T) {
	dir := t.TempDir()
	ingesttest.WriteFiles(t, dir, map[string]string{"export.json": lsExport})
	msgs, arts := ingesttest.Problems(t, dir, []string{"export.json"}, ingest.Options{Readers: readers.All()})
	if len(msgs) > 0 {
		t.Fatalf("problems: %v", msgs)
	}
	if len(arts) != 2 {
		t.Fatalf("read %d articles, want 2", len(arts))
	}
	a := arts[0]
	if a.ID != "export-41" || a.Title != "A call" || a.Published != "2016-03-19" || a.Line != 2 {
		t.Errorf("task 41 metadata: id %q title %q published %q line %d", a.ID, a.Title, a.Published, a.Line)
	}
	if !reflect.DeepEqual(a.Meta, map[string]string{"desk": "world", "rank": "2", "Unnamed__0": "5"}) {
		t.Errorf("meta = %v", a.Meta)
	}
	wantM := []ingest.Mention{
		{ID: "a1", Type: "Person", Spans: []ingest.Span{{Start: 0, End: 5}}, Text: "Kerry", Line: 11},
		{ID: "a2", Type: "Person", Spans: []ingest.Span{{Start: 13, End: 19}}, Text: "Lavrov", Line: 13},
	}
	if !reflect.DeepEqual(a.Mentions, wantM) {
		t.Errorf("mentions (cancelled annotation and predictions must be skipped):\n%+v\nwant\n%+v", a.Mentions, wantM)
	}
	wantR := []ingest.Relation{
		{ID: "R1", Type: "SpokeWith", Args: []ingest.Arg{{Role: "Arg1", Ref: "a1"}, {Role: "Arg2", Ref: "a2"}}, Line: 16},
		{ID: "R2", Type: "Related", Args: []ingest.Arg{{Role: "Arg1", Ref: "a1"}, {Role: "Arg2", Ref: "a2"}}, Line: 17},
	}
	if !reflect.DeepEqual(a.Relations, wantR) {
		t.Errorf("relations:\n%+v\nwant\n%+v", a.Relations, wantR)
	}
	wantA := []ingest.Attribute{
		{ID: "_l1", Name: "Label", Target: "a2", Value: "Minister", Line: 13},
		{ID: "_d3", Name: "Direction", Target: "R2", Value: "bi", Line: 17},
	}
	if !reflect.DeepEqual(a.Attributes, wantA) {
		t.Errorf("attributes:\n%+v\nwant\n%+v", a.Attributes, wantA)
	}
	if len(a.Notes) != 1 || a.Notes[0].Text != "Russian foreign minister" || a.Notes[0].Target != "a2" {
		t.Errorf("notes = %+v", a.Notes)
	}
	b := arts[1]
	if b.ID != "truce-flags" {
		t.Errorf("task 42 id = %q", b.ID)
	}
	// Flags are two code points (four UTF-16 units) each.
	wantSpans := map[string]ingest.Span{"b1": {0, 2}, "b2": {7, 9}, "b3": {19, 24}, "b4": {27, 29}}
	for _, m := range b.Mentions {
		if m.Spans[0] != wantSpans[m.ID] {
			t.Errorf("%s span = %v, want %v (UTF-16 offsets turned into code points)", m.ID, m.Spans[0], wantSpans[m.ID])
		}
	}
}

func TestLabelStudioSurrogateHalf(t *testing.T) {
	a, err := labelstudio.ParseTask([]byte(`{"data": {"text": "🇺🇸 x"}, "annotations": [{"result": [{"id": "r", "type": "labels", "value": {"start": 1, "end": 6, "labels": ["State"]}}]}]}`), "t.json", 1, 0, ingest.MaxTextBytes)
	want := "t.json:1: task 1: region r: offset 1 falls inside a character (between the two halves of a UTF-16 surrogate pair)"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	if a == nil {
		t.Errorf("the article should come back for validation")
	}
}

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
		{ID: "m4", Type: "Person", Spans: []ingest.Span{{27, 32}, {39, 45}}, Text: "Kerry Lavrov", Line: 1},
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

func TestStdinAndFormatOverride(t *testing.T) {
	task := `{"data": {"text": "Kerry phoned Lavrov.", "id": "ls-one"}, "annotations": [{"result": [{"id": "x", "type": "labels", "value": {"start": 0, "end": 5, "text": "Kerry", "labels": ["Person"]}}]}]}`
	nat := `{"id": "n-one", "text": "Kerry phoned Lavrov.", "mentions": [{"id": "m1", "type": "Person", "quote": "Kerry"}]}`
	tests := []struct {
		name, stdin string
		format      string
		wantFormat  string
		wantIDs     []string
	}{
		{"label studio task", task, "", labelstudio.Format, []string{"ls-one"}},
		{"label studio array", "[" + task + "]", "", labelstudio.Format, []string{"ls-one"}},
		{"native article", nat, "", native.Format, []string{"n-one"}},
		{"native lines", nat + "\n" + strings.Replace(nat, "n-one", "n-two", 1) + "\n", "", native.Format, []string{"n-one", "n-two"}},
		{"forced native", nat, native.Format, native.Format, []string{"n-one"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srcs, err := ingesttest.Discover([]string{"-"}, ingest.Options{Stdin: strings.NewReader(tc.stdin), Format: tc.format})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, s := range srcs {
				if s.Format != tc.wantFormat {
					t.Errorf("format %s, want %s", s.Format, tc.wantFormat)
				}
				a, err := ingest.ReadValid(s)
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, a.ID)
			}
			if !reflect.DeepEqual(ids, tc.wantIDs) {
				t.Errorf("ids %v, want %v", ids, tc.wantIDs)
			}
		})
	}
	// A forced format that does not fit the content gives a clear message.
	srcs, _ := ingesttest.Discover([]string{"-"}, ingest.Options{Stdin: strings.NewReader(nat), Format: labelstudio.Format})
	_, err := ingest.ReadValid(srcs[0])
	if want := "stdin:1: task n-one: no data object (the article text is read from data.text)"; err == nil || err.Error() != want {
		t.Errorf("forced wrong format: %v, want %s", err, want)
	}
	if _, err := ingesttest.Discover([]string{"."}, ingest.Options{Format: "yaml"}); err == nil || err.Error() != `unknown format "yaml" (expected brat, labelstudio or native)` {
		t.Errorf("unknown format: %v", err)
	}
}

func TestDiscoverRecursiveAndOrdered(t *testing.T) {
	dir := t.TempDir()
	ingesttest.WriteFiles(t, dir, map[string]string{
		"b/z.txt": "Kerry.", "b/z.ann": "",
		"a/deep/y.txt": "Lavrov.", "a/deep/y.ann": "",
		"a/x.jsonl":     `{"id":"x1","text":"one"}` + "\n" + `{"id":"x2","text":"two"}` + "\n",
		".hidden/h.txt": "no", ".hidden/h.ann": "",
		"a/export.json": `[{"data":{"text":"three","id":"l1"}}]`,
	})
	_, arts := ingesttest.Problems(t, dir, []string{"."}, ingest.Options{Readers: readers.All()})
	var got []string
	for _, a := range arts {
		got = append(got, a.Format+":"+a.ID)
	}
	want := []string{"brat:y", "labelstudio:l1", "native:x1", "native:x2", "brat:z"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("articles %v, want %v", got, want)
	}
}

// TestSizeLimits: a 50 MB article and a 10 MB line are read; over the limits, the error is
// a clear positioned message.
func TestSizeLimits(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("Kerry phoned Lavrov – again. ", 50<<20/31)
	line := strings.Repeat("é", 5<<20) // 10 MB of two-byte characters on one .ann line
	ingesttest.WriteFiles(t, dir, map[string]string{
		"big/a.txt":   big,
		"big/a.ann":   "T1\tPerson 0 5\tKerry\nT2\tPerson " + fmt.Sprint(len([]rune(big))-7) + " " + fmt.Sprint(len([]rune(big))-2) + "\tagain\n",
		"line/b.txt":  "Kerry.",
		"line/b.ann":  "#1\tAnnotatorNotes T1\t" + line + "\nT1\tPerson 0 5\tKerry\n",
		"nat/c.jsonl": `{"id":"c","text":"` + big + `","mentions":[{"id":"m1","type":"Person","quote":"again","occurrence":1000000}]}` + "\n",
	})
	got, arts := ingesttest.Problems(t, dir, []string{"big", "line", "nat"}, ingest.Options{Readers: readers.All()})
	if len(got) > 0 || len(arts) != 3 {
		t.Fatalf("big inputs: %d articles, problems %v", len(arts), got)
	}
	if m := arts[2].Mentions[0]; m.Spans[0].Start != 1000000*29-7 {
		t.Errorf("millionth 'again' at %d", m.Spans[0].Start)
	}
	// Over the limits (lowered, so the test stays small).
	small := t.TempDir()
	ingesttest.WriteFiles(t, small, map[string]string{
		"a.txt": strings.Repeat("x", 2<<20), "a.ann": "",
		"b.txt": "Kerry.", "b.ann": "T1\tPerson 0 5\tKerry\n#1\tAnnotatorNotes T1\t" + strings.Repeat("y", 2<<20) + "\n",
		"c.jsonl": `{"id":"c1","text":"ok"}` + "\n" + `{"id":"c2","text":"` + strings.Repeat("z", 2<<20) + `"}` + "\n",
		"d.json":  `[{"data":{"text":"ok"}}, {"data":{"text":"` + strings.Repeat("w", 2<<20) + `"}}, {"data":{"text":"fine"}}]`,
	})
	got, arts = ingesttest.Problems(t, small, []string{"."}, ingest.Options{Limit: 1 << 20})
	// Discovery finds the oversized task; the others fail when read.
	want := []string{
		"d.json:1: task larger than 1 MiB",
		"a.txt: text larger than 1 MiB; split the article",
		"b.ann:2: line longer than 1 MiB",
		"c.jsonl:2: line longer than 1 MiB: one article a line, at most that size",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if want := []string{"c1", "d-1"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("articles within the limits %v, want %v", ids, want)
	}
}

func TestBOMOffsets(t *testing.T) {
	dir := t.TempDir()
	// brat counts the mark: "Kerry" is 1-6 in the file, 0-5 in the article text.
	ingesttest.WriteFiles(t, dir, map[string]string{"a.txt": "\ufeffKerry phoned Lavrov.", "a.ann": "T1\tPerson 1 6\tKerry\nT2\tPerson 14 20\tLavrov\n"})
	_, arts := ingesttest.Problems(t, dir, []string{"."}, ingest.Options{Readers: readers.All()})
	if len(arts) != 1 {
		t.Fatal("not read")
	}
	a := arts[0]
	if strings.HasPrefix(a.Text, "\ufeff") || a.Mentions[0].Spans[0] != (ingest.Span{Start: 0, End: 5}) || a.Mentions[1].Spans[0] != (ingest.Span{Start: 13, End: 19}) {
		t.Errorf("text starts %q, spans %v %v", a.Text[:3], a.Mentions[0].Spans, a.Mentions[1].Spans)
	}
}

func TestReadMissingFile(t *testing.T) {
	_, err := brat.Reader{}.Read(ingest.Source{Path: "gone.ann", Files: []string{filepath.Join(t.TempDir(), "gone.txt"), "gone.ann"}})
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %v, want one wrapping os.ErrNotExist", err)
	}
}

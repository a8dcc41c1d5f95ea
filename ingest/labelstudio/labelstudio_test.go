package labelstudio_test

import (
	"reflect"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
	"github.com/dipgraph/dipgraph/ingest/labelstudio"
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
	wantSpans := map[string]ingest.Span{"b1": {Start: 0, End: 2}, "b2": {Start: 7, End: 9}, "b3": {Start: 19, End: 24}, "b4": {Start: 27, End: 29}}
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

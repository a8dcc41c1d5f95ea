package labelstudio_test

import (
	"os"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
	"github.com/dipgraph/dipgraph/ingest/labelstudio"
)

// Fuzz targets of the Label Studio reader. Run one at a time, for example:
//
//	go test ./ingest/labelstudio -run '^$' -fuzz '^FuzzLabelStudio$' -fuzztime 60s -parallel 1
//
// Each is seeded with the real files in ../shared/data/brat-public (when present) and the
// project's own test inputs.

func FuzzLabelStudio(f *testing.F) {
	for _, a := range ingesttest.PublicArticles(f) {
		f.Add(ingesttest.AsLabelStudio(a))
	}
	f.Add([]byte(lsExport))
	if b, err := os.ReadFile("testdata/labelstudio/in/export.json"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := labelstudio.ParseTask(b, "f.json", 1, 0, ingest.MaxTextBytes)
		if pes, ok := err.(ingest.ParseErrors); ok {
			ingesttest.CheckMessages(t, pes, "f.json:")
		} else if err != nil {
			t.Fatalf("error %T: %v", err, err)
		}
		if a != nil {
			ingesttest.CheckMessages(t, ingest.Validate(a), "f.json")
		}
		ingesttest.FuzzStdin(t, b)
	})
}

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

package native_test

import (
	"os"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
	"github.com/dipgraph/dipgraph/ingest/native"
)

// Fuzz targets of the native reader. Run one at a time, for example:
//
//	go test ./ingest/native -run '^$' -fuzz '^FuzzNative$' -fuzztime 60s -parallel 1
//
// Each is seeded with the real files in ../shared/data/brat-public (when present) and the
// project's own test inputs.

func FuzzNative(f *testing.F) {
	for _, a := range ingesttest.PublicArticles(f) {
		f.Add(ingesttest.AsNative(a))
	}
	f.Add([]byte(nativeLines))
	for _, p := range []string{"testdata/native-lines/in/articles.jsonl", "testdata/native-pretty/in/village.json"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := native.Parse(b, "f.jsonl", 1, ingest.MaxTextBytes)
		if pes, ok := err.(ingest.ParseErrors); ok {
			ingesttest.CheckMessages(t, pes, "f.jsonl:")
		} else if err != nil {
			t.Fatalf("error %T: %v", err, err)
		}
		if a != nil {
			ingesttest.CheckMessages(t, ingest.Validate(a), "f.jsonl")
		}
		ingesttest.FuzzStdin(t, b)
	})
}

const nativeLines = `{"id": "call", "title": "A call", "published": "2016-03-19", "meta": {"desk": "world", "pages": 2}, "text": "Kerry phoned Lavrov; later Kerry – not Lavrov – spoke of a “truce”.", "mentions": [{"id": "m1", "type": "Person", "start": 0, "end": 5, "wikidata": "Q22316"}, {"id": "m2", "type": "Person", "quote": "Lavrov"}, {"id": "m3", "type": "Person", "quote": "Kerry", "occurrence": 2}, {"id": "m4", "type": "Person", "spans": [[27, 32], [39, 45]], "text": "Kerry Lavrov"}, {"id": "t1", "type": "Ceasefire", "quote": "truce"}], "relations": [{"id": "r1", "type": "SpokeWith", "from": "m1", "to": "m2", "status": "asserted"}], "events": [{"id": "e1", "type": "Ceasefire", "trigger": "t1", "args": [{"role": "Proposer", "ref": "m3"}], "status": "proposed"}], "attributes": [{"target": "e1", "name": "Confidence", "value": "High"}], "norms": [{"target": "m2", "ref": "Wikidata:Q154972"}], "equivalences": [["m1", "m3"]], "notes": [{"target": "m4", "text": "two people, one mention, for the test"}]}

{"id": "second", "text": "Nothing annotated."}
`

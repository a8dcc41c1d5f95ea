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

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

package labelstudio_test

import (
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
	"github.com/dipgraph/dipgraph/ingest/readers"
)

// TestGolden reads each testdata/<case>/in/ folder and compares the articles and problems
// with testdata/<case>/want.json (go test -run TestGolden -update rewrites them).
func TestGolden(t *testing.T) {
	ingesttest.Golden(t, ingest.Options{Readers: readers.All()})
}

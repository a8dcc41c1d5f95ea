package ingest_test

import (
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
	"github.com/dipgraph/dipgraph/ingest/readers"
)

// TestGolden reads the cases that mix formats (testdata/<case>/in/) through the one door
// and compares articles and problems with testdata/<case>/want.json; each reader's own
// cases are in its package.
func TestGolden(t *testing.T) {
	ingesttest.Golden(t, ingest.Options{Readers: readers.All()})
}

package ingest_test

import (
	"path/filepath"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
)

// TestReadPublicBrat reads and validates every real brat file: the readers must accept
// real-world input, and validation must not flag correct annotations.
func TestReadPublicBrat(t *testing.T) {
	ingesttest.NeedPublicData(t)
	srcs, err := ingesttest.Discover([]string{ingesttest.PublicData}, ingest.Options{})
	if err != nil {
		t.Fatalf("discover: %v", err)
	}
	ann, _ := filepath.Glob(filepath.Join(ingesttest.PublicData, "*", "*.ann"))
	if len(srcs) != len(ann) {
		t.Errorf("discovered %d sources, want one per .ann file (%d)", len(srcs), len(ann))
	}
	kinds := map[string]int{}
	for _, s := range srcs {
		a, err := ingest.Read(s)
		if err != nil {
			t.Errorf("read %s: %v", s.Name(), err)
			continue
		}
		if errs := ingest.Validate(a); len(errs) > 0 {
			t.Errorf("validate %s:\n%v", s.Name(), errs)
		}
		if a.Schema == nil && filepath.Base(filepath.Dir(s.Path)) != "esp" {
			t.Errorf("%s: annotation.conf not found", s.Name())
		}
		kinds["T"] += len(a.Mentions)
		kinds["R"] += len(a.Relations)
		kinds["E"] += len(a.Events)
		kinds["A"] += len(a.Attributes)
		kinds["N"] += len(a.Norms)
		kinds["*"] += len(a.Equivs)
		kinds["#"] += len(a.Notes)
	}
	// Every line kind occurs in the real data; a reader that dropped one would show here.
	for _, k := range []string{"T", "R", "E", "A", "N", "*", "#"} {
		if kinds[k] == 0 {
			t.Errorf("no %s annotations read from the public data", k)
		}
	}
	t.Logf("read %d articles: %v", len(srcs), kinds)
}

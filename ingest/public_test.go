package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// publicData is the folder of real brat files beside the repository (../shared/data/brat-public).
// It exists on the project's machines and in CI, not in a user's clone: tests that read it
// skip through needPublicData when it is absent.
const publicData = "../../shared/data/brat-public"

// needPublicData skips the test, with the reason, when the public brat files are not beside
// the repository.
func needPublicData(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(publicData); err != nil {
		t.Skipf("skipped: the public brat files are not beside this clone (%s): %v", publicData, err)
	}
}

// TestReadPublicBrat reads and validates every real brat file: the readers must accept
// real-world input, and validation must not flag correct annotations.
func TestReadPublicBrat(t *testing.T) {
	needPublicData(t)
	srcs, err := Discover([]string{publicData})
	if err != nil {
		t.Fatalf("discover: %v", err)
	}
	ann, _ := filepath.Glob(filepath.Join(publicData, "*", "*.ann"))
	if len(srcs) != len(ann) {
		t.Errorf("discovered %d sources, want one per .ann file (%d)", len(srcs), len(ann))
	}
	kinds := map[string]int{}
	for _, s := range srcs {
		a, err := Read(s)
		if err != nil {
			t.Errorf("read %s: %v", s.Name(), err)
			continue
		}
		if errs := Validate(a); len(errs) > 0 {
			t.Errorf("validate %s:\n%v", s.Name(), errs)
		}
		if a.Config == nil && filepath.Base(filepath.Dir(s.AnnPath)) != "esp" {
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

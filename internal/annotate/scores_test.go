package annotate

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/eval"
)

const goldDir = "../../examples/gold"

// inBlindSet reports whether a gold file is in a blind test set (examples/gold/blind,
// examples/gold/blind-2, …): reported on by make eval, never tuned on, so not scored here.
func inBlindSet(path string) bool {
	rel, err := filepath.Rel(goldDir, path)
	if err != nil {
		return false
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	return strings.HasPrefix(first, "blind")
}

// Floors on the tuning set, a little under what the annotator scores on it, so that a
// change that loses ground fails. The 44 articles before issue 13's fourth round score
// entity F1 0.937 and relation F1 0.918; with the eight s-* articles, added untuned and
// then tuned on (docs/EXTRACTION.md), the 52 score 0.932 and 0.877. The relation floor
// went down from 0.90 because the set grew, not because the annotator lost ground. The
// fifth round added the eight t-* dev articles, written to check generalisation and never
// tuned on (they score 0.907 and 0.698 after that round, docs/EXTRACTION.md); the 52
// articles before them score 0.933 and 0.879, the 60 0.929 and 0.854, so both floors went
// down again because the set grew. The sixth round added the eight u-* dev articles, also
// never tuned on (0.843 and 0.437 after that round); the 60 articles before them score
// about as before, the 68 0.918 and 0.809, so both floors went down again because the set
// grew.
const (
	minEntityF1   = 0.915 // entity spans, overlap
	minRelationF1 = 0.805
)

// TestGoldSetScores annotates every article of the gold set (the held-out ones included,
// the blind ones not) and guards the scores against regressions.
func TestGoldSetScores(t *testing.T) {
	all, _, err := ingest.Discover([]string{goldDir}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	var srcs []ingest.Source
	for _, src := range all {
		if !inBlindSet(src.Files[0]) {
			srcs = append(srcs, src)
		}
	}
	if len(srcs) < 6 {
		t.Fatalf("the gold set has %d articles, want at least 6", len(srcs))
	}
	b := graph.NewBuilder(nil)
	s := eval.NewScores()
	for _, src := range srcs {
		gold, err := ingest.Read(src)
		if err != nil {
			t.Fatal(err)
		}
		pred, err := Article(gold.Text, Meta{ID: gold.ID, Published: gold.Published, Path: src.Files[0]})
		if err != nil {
			t.Fatal(err)
		}
		if errs := ingest.Validate(pred); len(errs) > 0 {
			t.Fatalf("%s: invalid annotations: %v", src.Files[0], errs)
		}
		if err := s.Compare(gold, pred, b); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("\n%s", s)
	if f := s.EntityOverlap.All().F1(); f < minEntityF1 {
		t.Errorf("entity F1 (overlap) %.3f is below %.2f", f, minEntityF1)
	}
	if f := s.Relations.All().F1(); f < minRelationF1 {
		t.Errorf("relation F1 %.3f is below %.2f", f, minRelationF1)
	}
}

// cpuSeconds returns the user and system CPU time the process has used.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// benchText is about 1 MB of news text: the gold articles (and the seed, when present)
// repeated.
func benchText(b *testing.B) string {
	var parts []string
	files, _ := filepath.Glob(filepath.Join(goldDir, "*.txt"))
	files = append(files, seedPath)
	for _, f := range files {
		if t, err := os.ReadFile(f); err == nil {
			parts = append(parts, string(t))
		}
	}
	if len(parts) == 0 {
		b.Fatal("no text to annotate")
	}
	one := strings.Join(parts, "\n\n")
	return strings.Repeat(one+"\n\n", 1+(1<<20)/len(one))
}

// BenchmarkAnnotate measures annotation speed on one core (go test -bench . -cpu 1);
// the MB/s column is raw text annotated per second.
func BenchmarkAnnotate(b *testing.B) {
	text := benchText(b)
	an, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for i := 0; i < b.N; i++ {
		a := &ingest.Article{ID: "bench", Text: text}
		an.Annotate(a)
		if len(a.Relations) == 0 {
			b.Fatal("no relations")
		}
	}
	// On a shared machine wall time says little; CPU time used by the process (all its
	// threads, garbage collection included) is reported beside it.
	if c := cpuSeconds() - cpu0; c > 0 {
		b.ReportMetric(float64(len(text))*float64(b.N)/1e6/c, "MB/cpu-s")
	}
}

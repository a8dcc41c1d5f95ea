package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/readers"
)

// AnnotateFunc annotates the text of a gold article; it returns annotations of the same
// text (the gold annotations are not to be looked at).
type AnnotateFunc func(gold *ingest.Article) (*ingest.Article, error)

// Options of Annotated.
type Options struct {
	// Exclude lists folders inside the gold folder whose articles are left out (the blind
	// set, when the tuning set around it is scored).
	Exclude []string
	// MinCPU: after the scored pass, the texts are annotated again until the annotation has
	// used at least this much CPU time, so that throughput is measured on more than a few
	// milliseconds. Zero: one pass.
	MinCPU time.Duration
}

// maxPasses bounds the passes of a throughput measurement.
const maxPasses = 100000

// Throughput is the speed of the annotation: text annotated over the CPU time it used (all
// threads of the process, garbage collection included), which on a shared machine says
// more than wall time; MB per CPU-second is MB/s per core.
type Throughput struct {
	Bytes  int64 // bytes of text annotated, over all passes
	Passes int
	CPU    time.Duration
	Wall   time.Duration
}

// MBPerCPUSecond is megabytes (10^6 bytes) of text annotated per CPU-second; 0 when no CPU
// time could be measured.
func (t Throughput) MBPerCPUSecond() float64 {
	if t.CPU <= 0 {
		return 0
	}
	return float64(t.Bytes) / 1e6 / t.CPU.Seconds()
}

// Annotated annotates every brat article under goldDir (but not under opt.Exclude) with
// annotate, scores the predictions against the hand annotations and measures the
// annotation's throughput (Scores.Throughput).
func Annotated(goldDir string, annotate AnnotateFunc, b *graph.Builder, opt Options) (*Scores, error) {
	golds, err := readGold(goldDir, opt.Exclude)
	if err != nil {
		return nil, err
	}
	if len(golds) == 0 {
		return nil, fmt.Errorf("%w in %s", ingest.ErrNoArticles, goldDir)
	}
	var size int64
	for _, g := range golds {
		size += int64(len(g.Text))
	}
	runtime.GC()
	tp := &Throughput{}
	cpu0, wall0 := cpuTime(), time.Now()
	preds := make([]*ingest.Article, len(golds))
	for i, g := range golds {
		if preds[i], err = annotate(g); err != nil {
			return nil, fmt.Errorf("annotate %s: %w", g.Path, err)
		}
	}
	tp.Passes, tp.Bytes = 1, size
	measurable := cpu0 > 0
	for measurable && tp.Passes < maxPasses && cpuTime()-cpu0 < opt.MinCPU {
		for _, g := range golds {
			if _, err := annotate(g); err != nil {
				return nil, fmt.Errorf("annotate %s: %w", g.Path, err)
			}
		}
		tp.Passes++
		tp.Bytes += size
	}
	tp.CPU, tp.Wall = cpuTime()-cpu0, time.Since(wall0)

	s := NewScores()
	s.Throughput = tp
	for i, g := range golds {
		if errs := ingest.Validate(preds[i]); len(errs) > 0 {
			return nil, fmt.Errorf("%s: the annotator wrote invalid annotations: %w", g.Path, errs)
		}
		if err := s.Compare(g, preds[i], b); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// readGold reads and validates the brat articles under dir, leaving out those under the
// excluded folders.
func readGold(dir string, exclude []string) ([]*ingest.Article, error) {
	srcs, err := goldSources(dir, exclude)
	if err != nil {
		return nil, err
	}
	var out []*ingest.Article
	for _, src := range srcs {
		a, err := ingest.Read(src)
		if err != nil {
			return nil, err
		}
		if errs := ingest.Validate(a); len(errs) > 0 {
			return nil, errs
		}
		out = append(out, a)
	}
	return out, nil
}

// goldSources finds the brat articles under dir, without those under the excluded folders.
func goldSources(dir string, exclude []string) ([]ingest.Source, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("gold set %s: not a folder", dir)
	}
	var skip []string
	for _, e := range exclude {
		abs, err := filepath.Abs(e)
		if err != nil {
			return nil, err
		}
		if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("--exclude %s: not a folder", e)
		}
		skip = append(skip, abs+string(filepath.Separator))
	}
	srcs, _, err := ingest.Discover([]string{dir}, ingest.Options{Readers: readers.All()})
	if err != nil {
		return nil, fmt.Errorf("read gold set: %w", err)
	}
	out := srcs[:0]
	for _, src := range srcs {
		if src.Format != "" && src.Format != brat.Format {
			continue
		}
		abs, err := filepath.Abs(src.Files[0])
		if err != nil {
			return nil, err
		}
		if !excluded(abs, skip) {
			out = append(out, src)
		}
	}
	return out, nil
}

func excluded(path string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

package eval

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
)

// A hand-made pair with known scores: the gold article and what a (pretend) annotator
// predicts for it.
const (
	pairText = "Russia and Turkey signed a deal. Iran criticised the deal."
	pairGold = "T1\tState 0 6\tRussia\n" +
		"T2\tState 11 17\tTurkey\n" +
		"T3\tAgreement 27 31\tdeal\n" +
		"T4\tState 33 37\tIran\n" +
		"T5\tAgreement 53 57\tdeal\n" +
		"R1\tSigned Arg1:T1 Arg2:T3\t\n" +
		"R2\tSigned Arg1:T2 Arg2:T3\t\n" +
		"R3\tCriticised Arg1:T4 Arg2:T5\t\n" +
		"*\tEquiv T3 T5\n"
	// Russia and Turkey exact; "a deal" overlaps the first deal; Iran has the wrong type and
	// the second deal is missed; Russia's signature is found, Turkey's is taken for criticism.
	pairPred = "T1\tState 0 6\tRussia\n" +
		"T2\tState 11 17\tTurkey\n" +
		"T3\tAgreement 25 31\ta deal\n" +
		"T4\tLocation 33 37\tIran\n" +
		"R1\tSigned Arg1:T1 Arg2:T3\t\n" +
		"R2\tCriticised Arg1:T2 Arg2:T3\t\n"
)

func writeArticle(t *testing.T, dir, name, text, ann string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for ext, body := range map[string]string{".txt": text, ".ann": ann} {
		if err := os.WriteFile(filepath.Join(dir, name+ext), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAnnotatedKnownScores scores the hand-made pair through Annotated and checks every
// figure against the one worked out by hand; an article under an excluded folder must not
// reach the annotator.
func TestAnnotatedKnownScores(t *testing.T) {
	gold := t.TempDir()
	writeArticle(t, gold, "pair", pairText, pairGold)
	writeArticle(t, filepath.Join(gold, "blind"), "other", "Iran.", "T1\tState 0 4\tIran\n")
	calls := 0
	annotate := func(g *ingest.Article) (*ingest.Article, error) {
		calls++
		if g.Text != pairText {
			return nil, errors.New("an excluded article was annotated")
		}
		p := &ingest.Article{ID: g.ID, Published: g.Published, Path: g.Path, Text: g.Text}
		return p, brat.ReadAnn(strings.NewReader(pairPred), "pred.ann", p)
	}
	s, err := Annotated(gold, annotate, graph.NewBuilder(nil),
		Options{Exclude: []string{filepath.Join(gold, "blind")}, MinCPU: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != 1 {
		t.Fatalf("%d articles scored, want 1", s.Articles)
	}
	prf := func(name string, c Counts, want Counts, p, r, f float64) {
		t.Helper()
		if c != want {
			t.Errorf("%s: counts %+v, want %+v", name, c, want)
		}
		if !near3(c.Precision(), p) || !near3(c.Recall(), r) || !near3(c.F1(), f) {
			t.Errorf("%s: P %.3f R %.3f F1 %.3f, want %.3f %.3f %.3f", name, c.Precision(), c.Recall(), c.F1(), p, r, f)
		}
	}
	prf("entities (overlap)", s.EntityOverlap.All(), Counts{Gold: 5, Pred: 4, Match: 3}, 0.75, 0.6, 0.667)
	prf("entities (exact)", s.EntityExact.All(), Counts{Gold: 5, Pred: 4, Match: 2}, 0.5, 0.4, 0.444)
	prf("resolution", s.Resolution.All(), Counts{Gold: 3, Pred: 3, Match: 2}, 0.667, 0.667, 0.667)
	prf("relations", s.Relations.All(), Counts{Gold: 3, Pred: 2, Match: 1}, 0.5, 0.333, 0.4)
	prf("SIGNED", *s.Relations["SIGNED"], Counts{Gold: 2, Pred: 1, Match: 1}, 1, 0.5, 0.667)
	prf("CRITICISED", *s.Relations["CRITICISED"], Counts{Gold: 1, Pred: 1, Match: 0}, 0, 0, 0)

	tp := s.Throughput
	if tp == nil || tp.Passes < 1 || calls != tp.Passes || tp.Bytes != int64(tp.Passes*len(pairText)) {
		t.Fatalf("throughput %+v after %d calls of the annotator", tp, calls)
	}
	if runtime.GOOS == "linux" || runtime.GOOS == "darwin" {
		if tp.CPU < 20*time.Millisecond || tp.MBPerCPUSecond() <= 0 {
			t.Errorf("throughput %+v: want at least 20ms of CPU time and a rate", tp)
		}
	}
	out := s.String()
	for _, want := range []string{"SIGNED", "CRITICISED", "throughput: ", "MB/s per core", "relation F1 0.400"} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
}

func near3(a, b float64) bool { return a-b < 0.0005 && b-a < 0.0005 }

func TestAnnotatedErrors(t *testing.T) {
	b := graph.NewBuilder(nil)
	never := func(g *ingest.Article) (*ingest.Article, error) { t.Fatal("annotated"); return nil, nil }
	if _, err := Annotated(filepath.Join(t.TempDir(), "none"), never, b, Options{}); err == nil {
		t.Error("a missing gold folder was accepted")
	}
	empty := t.TempDir()
	if _, err := Annotated(empty, never, b, Options{}); !errors.Is(err, ingest.ErrNoArticles) {
		t.Errorf("empty gold folder: err %v, want ErrNoArticles", err)
	}
	gold := t.TempDir()
	writeArticle(t, gold, "pair", pairText, pairGold)
	if _, err := Annotated(gold, never, b, Options{Exclude: []string{filepath.Join(gold, "nope")}}); err == nil {
		t.Error("an --exclude folder that does not exist was accepted")
	}
	// Annotations of another text are an error, not a score.
	wrong := func(g *ingest.Article) (*ingest.Article, error) {
		return &ingest.Article{ID: g.ID, Text: "something else"}, nil
	}
	if _, err := Annotated(gold, wrong, b, Options{}); err == nil {
		t.Error("annotations of another text were scored")
	}
}

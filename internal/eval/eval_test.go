package eval

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
)

func TestCounts(t *testing.T) {
	tests := []struct {
		c       Counts
		p, r, f float64
	}{
		{Counts{Gold: 4, Pred: 5, Match: 3}, 0.6, 0.75, 2 * 0.6 * 0.75 / 1.35},
		{Counts{Gold: 0, Pred: 0}, 1, 1, 1},
		{Counts{Gold: 3, Pred: 0}, 0, 0, 0},
		{Counts{Gold: 0, Pred: 2}, 0, 0, 0},
	}
	for _, tc := range tests {
		if !near(tc.c.Precision(), tc.p) || !near(tc.c.Recall(), tc.r) || !near(tc.c.F1(), tc.f) {
			t.Errorf("%+v: P %.3f R %.3f F1 %.3f, want %.3f %.3f %.3f", tc.c, tc.c.Precision(), tc.c.Recall(), tc.c.F1(), tc.p, tc.r, tc.f)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

const text = "US Secretary of State John Kerry spoke with Sergey Lavrov. A truce backed by Russia began."

func article(t *testing.T, ann string) *ingest.Article {
	t.Helper()
	a := &ingest.Article{ID: "a", Text: text, Path: "a.txt", AnnPath: "a.ann"}
	if err := brat.ReadAnn(strings.NewReader(ann), "a.ann", a); err != nil {
		t.Fatal(err)
	}
	if errs := ingest.Validate(a); len(errs) > 0 {
		t.Fatal(errs)
	}
	return a
}

func TestCompare(t *testing.T) {
	gold := article(t, "T1\tPerson 0 32\tUS Secretary of State John Kerry\n"+
		"T2\tPerson 44 57\tSergey Lavrov\n"+
		"T3\tCeasefire 61 66\ttruce\n"+
		"T4\tState 77 83\tRussia\n"+
		"R1\tSpokeWith Arg1:T1 Arg2:T2\t\n"+
		"R2\tBacked Arg1:T4 Arg2:T3\t\n")
	// The prediction marks only the name (overlap, not exact), finds Lavrov and the truce
	// (as "A truce": another span, same event), misses Russia's backing and adds a wrong State.
	pred := article(t, "T1\tPerson 22 32\tJohn Kerry\n"+
		"T2\tPerson 44 57\tSergey Lavrov\n"+
		"T3\tCeasefire 59 66\tA truce\n"+
		"T4\tState 0 2\tUS\n"+
		"R1\tSpokeWith Arg1:T1 Arg2:T2\t\n"+
		"R2\tSpokeWith Arg1:T4 Arg2:T2\t\n")
	s := NewScores()
	if err := s.Compare(gold, pred, graph.NewBuilder(nil)); err != nil {
		t.Fatal(err)
	}
	check := func(name string, got, want Counts) {
		t.Helper()
		if got != want {
			t.Errorf("%s: got %+v, want %+v", name, got, want)
		}
	}
	check("exact", s.EntityExact.All(), Counts{Gold: 4, Pred: 4, Match: 1})
	check("overlap", s.EntityOverlap.All(), Counts{Gold: 4, Pred: 4, Match: 3})
	check("overlap Person", *s.EntityOverlap["Person"], Counts{Gold: 2, Pred: 2, Match: 2})
	// Kerry and Lavrov resolve alike on both sides; Russia is missed. The gold title "US
	// Secretary of State" names the United States (the office's state), which the
	// prediction finds as its own mention.
	check("resolution", s.Resolution.All(), Counts{Gold: 4, Pred: 3, Match: 3})
	check("relations", s.Relations.All(), Counts{Gold: 2, Pred: 2, Match: 1})
	check("SPOKE_WITH", *s.Relations["SPOKE_WITH"], Counts{Gold: 1, Pred: 2, Match: 1})
	out := s.String()
	for _, want := range []string{"entities (overlap)", "relations", "SPOKE_WITH", "summary: entity F1 0.750 (overlap)"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestCompareOtherText(t *testing.T) {
	gold := article(t, "")
	pred := &ingest.Article{ID: "a", Text: "something else"}
	if err := NewScores().Compare(gold, pred, graph.NewBuilder(nil)); err == nil {
		t.Error("annotations of another text were compared")
	}
}

func TestDirsMissingPrediction(t *testing.T) {
	gold, pred := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(gold, "x.txt"), []byte("Russia."), 0o644)
	os.WriteFile(filepath.Join(gold, "x.ann"), []byte("T1\tState 0 6\tRussia\n"), 0o644)
	_, err := Dirs(gold, pred, graph.NewBuilder(nil))
	if !errors.Is(err, ErrNoPrediction) {
		t.Fatalf("err %v, want ErrNoPrediction", err)
	}
	os.WriteFile(filepath.Join(pred, "x.ann"), []byte("T1\tState 0 6\tRussia\n"), 0o644)
	s, err := Dirs(gold, pred, graph.NewBuilder(nil))
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != 1 || s.EntityExact.All() != (Counts{Gold: 1, Pred: 1, Match: 1}) {
		t.Errorf("scores %+v", s.EntityExact.All())
	}
}

package eval

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
)

// Counts are the matches of one category.
type Counts struct {
	Gold, Pred, Match int
}

// Precision is Match/Pred (1 when nothing was predicted and nothing was expected).
func (c Counts) Precision() float64 { return ratio(c.Match, c.Pred, c.Gold) }

// Recall is Match/Gold.
func (c Counts) Recall() float64 { return ratio(c.Match, c.Gold, c.Pred) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(match, n, other int) float64 {
	if n == 0 {
		if other == 0 {
			return 1
		}
		return 0
	}
	return float64(match) / float64(n)
}

func (c *Counts) add(o Counts) { c.Gold += o.Gold; c.Pred += o.Pred; c.Match += o.Match }

// Table is counts per type; the key "" holds the total.
type Table map[string]*Counts

func (t Table) add(typ string, c Counts) {
	for _, k := range []string{typ, ""} {
		if t[k] == nil {
			t[k] = &Counts{}
		}
		t[k].add(c)
	}
}

// All returns the total over all types.
func (t Table) All() Counts {
	if c := t[""]; c != nil {
		return *c
	}
	return Counts{}
}

// Scores are the results of comparing predictions with a gold set.
type Scores struct {
	Articles      int
	EntityExact   Table
	EntityOverlap Table
	Resolution    Table // actor keys, per label
	Relations     Table
	// StatusAgree counts relations matched in both with the same assertion status.
	StatusAgree, StatusTotal int
	// Throughput of the annotation, when the scores come from Annotated.
	Throughput *Throughput
}

// NewScores returns empty scores.
func NewScores() *Scores {
	return &Scores{EntityExact: Table{}, EntityOverlap: Table{}, Resolution: Table{}, Relations: Table{}}
}

// Compare adds the comparison of one article's predicted annotations with its gold ones.
// Both must be annotations of the same text.
func (s *Scores) Compare(gold, pred *ingest.Article, b *graph.Builder) error {
	if gold.Text != pred.Text {
		return fmt.Errorf("compare %s: the predicted annotations are of another text", gold.ID)
	}
	s.Articles++
	s.compareSpans(gold.Mentions, pred.Mentions)
	gg, err := b.Build(gold)
	if err != nil {
		return fmt.Errorf("build gold %s: %w", gold.ID, err)
	}
	pg, err := b.Build(pred)
	if err != nil {
		return fmt.Errorf("build prediction %s: %w", gold.ID, err)
	}
	gk, pk := actorKeys(gg), actorKeys(pg)
	compareSets(s.Resolution, gk, pk)
	gr, pr := relations(gg), relations(pg)
	compareSets(s.Relations, gr, pr)
	for k, st := range gr {
		if ps, ok := pr[k]; ok {
			s.StatusTotal++
			if ps.status == st.status {
				s.StatusAgree++
			}
		}
	}
	return nil
}

type fact struct{ typ, status string }

// compareSets counts keys of gold and pred; each key's type comes from its fact.
func compareSets(t Table, gold, pred map[string]fact) {
	for k, f := range gold {
		c := Counts{Gold: 1}
		if _, ok := pred[k]; ok {
			c.Match = 1
		}
		t.add(f.typ, c)
	}
	for k, f := range pred {
		if _, ok := gold[k]; !ok {
			t.add(f.typ, Counts{Pred: 1})
		} else {
			t.add(gold[k].typ, Counts{Pred: 1})
		}
	}
}

// actorKeys returns the keys of the actors (not events) the article mentions, by label.
func actorKeys(ag *graph.ArticleGraph) map[string]fact {
	out := map[string]fact{}
	for _, n := range ag.Nodes {
		if !n.Event {
			out[n.Key] = fact{typ: n.Label}
		}
	}
	return out
}

// relations returns the article's edges as "TYPE from to" with event endpoints named by
// their label.
func relations(ag *graph.ArticleGraph) map[string]fact {
	name := map[string]string{}
	for _, n := range ag.Nodes {
		if n.Event {
			name[n.Key] = "event:" + n.Label
		} else {
			name[n.Key] = n.Key
		}
	}
	out := map[string]fact{}
	for _, r := range ag.Rels {
		if r.Type == graph.HoldsRoleType {
			continue // derived from a title inside a mention, not an annotated relation
		}
		from, to := name[r.From], name[r.To]
		if from == "" {
			from = r.From
		}
		if to == "" {
			to = r.To
		}
		out[r.Type+" "+from+" "+to] = fact{typ: r.Type, status: r.Status}
	}
	return out
}

// compareSpans counts exact matches (same type, same spans) and overlap matches (same
// type, overlapping spans), each gold mention matching at most one predicted one.
func (s *Scores) compareSpans(gold, pred []ingest.Mention) {
	match := func(t Table, same func(g, p ingest.Mention) bool) {
		used := make([]bool, len(pred))
		for _, g := range gold {
			c := Counts{Gold: 1}
			for j, p := range pred {
				if !used[j] && p.Type == g.Type && same(g, p) {
					used[j] = true
					c.Match = 1
					break
				}
			}
			t.add(g.Type, c)
		}
		for _, p := range pred {
			t.add(p.Type, Counts{Pred: 1})
		}
	}
	match(s.EntityExact, func(g, p ingest.Mention) bool { return sameSpans(g.Spans, p.Spans) })
	match(s.EntityOverlap, func(g, p ingest.Mention) bool { return overlap(g.Spans, p.Spans) })
}

func sameSpans(a, b []ingest.Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func overlap(a, b []ingest.Span) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Start < y.End && y.Start < x.End {
				return true
			}
		}
	}
	return false
}

// ErrNoPrediction is returned (wrapped) for a gold article without predicted annotations.
var ErrNoPrediction = errors.New("no predicted annotations")

// Dirs compares every brat article under goldDir (but not under the excluded folders) with
// the annotations at the same relative path under predDir (X.ann; its X.txt, if present,
// must hold the same text).
func Dirs(goldDir, predDir string, b *graph.Builder, exclude ...string) (*Scores, error) {
	golds, err := readGold(goldDir, exclude)
	if err != nil {
		return nil, err
	}
	if len(golds) == 0 {
		return nil, fmt.Errorf("%w in %s", ingest.ErrNoArticles, goldDir)
	}
	s := NewScores()
	for _, gold := range golds {
		pred, err := readPrediction(gold, goldDir, predDir)
		if err != nil {
			return nil, err
		}
		if err := s.Compare(gold, pred, b); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// readPrediction reads and validates the annotations of gold's text at the same relative
// path under predDir as gold's under goldDir.
func readPrediction(gold *ingest.Article, goldDir, predDir string) (*ingest.Article, error) {
	rel, err := filepath.Rel(goldDir, gold.AnnPath)
	if err != nil {
		return nil, err
	}
	pp := filepath.Join(predDir, rel)
	f, err := os.Open(pp)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w (annotate %s first)", pp, ErrNoPrediction, gold.Path)
		}
		return nil, err
	}
	defer f.Close()
	pred := &ingest.Article{ID: gold.ID, Published: gold.Published, Path: gold.Path, AnnPath: pp, Format: "brat", Text: gold.Text}
	if err := brat.ReadAnn(f, pp, pred); err != nil {
		return nil, err
	}
	if errs := ingest.Validate(pred); len(errs) > 0 {
		return nil, errs
	}
	return pred, nil
}

// Write prints the scores as tables.
func (s *Scores) Write(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d articles\n", s.Articles)
	section := func(title string, t Table) {
		fmt.Fprintf(&b, "\n%-22s %6s %6s %6s %10s %8s %7s\n", title, "gold", "pred", "match", "precision", "recall", "F1")
		keys := slices.DeleteFunc(slices.Sorted(maps.Keys(t)), func(k string) bool { return k == "" })
		row := func(name string, c Counts) {
			fmt.Fprintf(&b, "  %-20s %6d %6d %6d %10.3f %8.3f %7.3f\n", name, c.Gold, c.Pred, c.Match, c.Precision(), c.Recall(), c.F1())
		}
		for _, k := range keys {
			row(k, *t[k])
		}
		row("all", t.All())
	}
	section("entities (overlap)", s.EntityOverlap)
	section("entities (exact)", s.EntityExact)
	section("resolution (keys)", s.Resolution)
	section("relations", s.Relations)
	if t := s.Throughput; t != nil {
		if mb := t.MBPerCPUSecond(); mb > 0 {
			fmt.Fprintf(&b, "\nthroughput: %.2f MB/s per core (%d KB annotated %d times in %.2f CPU-s, %.2f s wall)\n",
				mb, (t.Bytes/int64(t.Passes)+1023)/1024, t.Passes, t.CPU.Seconds(), t.Wall.Seconds())
		} else {
			fmt.Fprintf(&b, "\nthroughput: not measured (no CPU time on this system; %.2f s wall)\n", t.Wall.Seconds())
		}
	}
	rel := s.Relations.All()
	fmt.Fprintf(&b, "\nsummary: entity F1 %.3f (overlap), %.3f (exact); resolution F1 %.3f; relation F1 %.3f (P %.3f, R %.3f); status agrees on %d of %d matched relations",
		s.EntityOverlap.All().F1(), s.EntityExact.All().F1(), s.Resolution.All().F1(), rel.F1(), rel.Precision(), rel.Recall(), s.StatusAgree, s.StatusTotal)
	if t := s.Throughput; t != nil && t.MBPerCPUSecond() > 0 {
		fmt.Fprintf(&b, "; %.2f MB/s per core", t.MBPerCPUSecond())
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// String returns the tables.
func (s *Scores) String() string {
	var b strings.Builder
	if err := s.Write(&b); err != nil {
		return err.Error()
	}
	return b.String()
}

package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/analyze"
	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/internal/report"
	"github.com/dipgraph/dipgraph/queries"
)

type reportPage struct {
	OK       bool   `json:"ok"`
	Error    string `json:"error"`
	Title    string `json:"title"`
	Actor    string `json:"actor"`
	Sections map[string]struct {
		Width, Height int
		Text          string
	} `json:"sections"`
	Chart *struct {
		Width, Height int
		Paths         int
		Texts         []string
		Strokes       []string
	} `json:"chart"`
	Swatch   string                        `json:"swatch"`
	Links    []struct{ Href, Text string } `json:"links"`
	Requests []string                      `json:"requests"`
	Errors   []string                      `json:"errors"`
}

// TestReportInChromium writes Russia's brief from the example corpus (plus the article
// that links to its source) and checks in headless Chromium that its parts are drawn.
func TestReportInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	st := neo4jtest.Open(t)
	ctx := context.Background()
	srcs, _, err := ingest.Discover([]string{"../../examples", "../../cmd/dipgraph/testdata/triad"}, ingest.Options{Readers: readers.All()})
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := load.Run(ctx, srcs, st, load.Options{Builder: graph.NewBuilder(nil)}); err != nil || sum.New == 0 {
		t.Fatalf("load: %v (%+v)", err, sum)
	}
	if _, _, err := analyze.Analyze(ctx, st, analyze.Params{MaxTriads: 100, Seed: 1}, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	set, err := queries.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	b, err := report.Build(ctx, report.Source{DB: st, Queries: set}, report.Options{Actor: "Moscow", From: "2016-01-01", To: "2016-12-31"}) // the Syrian war of 2016: the example corpus holds other years too
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "russia.html")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	if out, err := exec.Command("./setup.sh").CombinedOutput(); err != nil {
		missing(t, "browser test setup: %v\n%s", err, out)
	}
	shots, _ := filepath.Abs("screenshots")
	os.MkdirAll(shots, 0o755)
	shot := filepath.Join(shots, "report-russia.png")
	cctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(cctx, "node", "report.mjs")
	cmd.Env = append(os.Environ(), "PAGE=file://"+file, "SCREENSHOT="+shot, "CHROMIUM=/usr/bin/chromium")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, runErr := cmd.Output()
	var p reportPage
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("report.mjs: %v; output %q; stderr %s", runErr, out, stderr.String())
	}
	if !p.OK {
		t.Fatalf("in the browser: %s", p.Error)
	}
	t.Logf("screenshot %s", shot)

	if p.Actor != "Russia" || !strings.HasPrefix(p.Title, "Russia") {
		t.Errorf("heading %q, title %q: want Russia, the name Moscow stands for", p.Actor, p.Title)
	}
	if len(p.Requests) > 0 || len(p.Errors) > 0 {
		t.Errorf("the page is not self-contained: requests %v, errors %v", p.Requests, p.Errors)
	}
	want := map[string][]string{
		// Which actors lead Russia's bloc depends on the whole example corpus, which grows
		// with the gold sets: the section must say which bloc and list it by influence.
		"bloc":        {fmt.Sprintf("Bloc %d", b.Bloc.ID), "betweenness", "PageRank", "Members by influence: "},
		"roles":       {"Vladimir Putin", "President"},
		"partners":    {"Assad government", "Turkey", "Russia backed Assad government"},
		"adversaries": {"Islamic State", "Al-Nusra Front", "Russia fights Islamic State"},
		"balance":     {"dyad-balance"},
		"evidence":    {"Moscow backs the Assad government", "Russia says it is fighting Islamic State"},
	}
	for id, texts := range want {
		s, ok := p.Sections[id]
		if !ok || s.Width < 300 || s.Height < 60 {
			t.Errorf("section %s not drawn: %+v", id, s)
			continue
		}
		for _, w := range texts {
			if !strings.Contains(s.Text, w) {
				t.Errorf("section %s does not show %q:\n%s", id, w, s.Text)
			}
		}
	}
	// The chart: drawn at a readable size, a line per main counterpart in its colour,
	// the legend naming them and month labels on the axis.
	c := p.Chart
	if c == nil || c.Width < 500 || c.Height < 200 || c.Paths < 10 {
		t.Fatalf("chart not drawn: %+v", c)
	}
	for _, s := range b.Series {
		if !slices.Contains(c.Texts, s.Name) {
			t.Errorf("chart legend %q lacks %s", c.Texts, s.Name)
		}
		if !slices.Contains(c.Strokes, rgb(s.Colour)) {
			t.Errorf("no line in %s (%s) for %s; strokes %q", s.Colour, rgb(s.Colour), s.Name, c.Strokes)
		}
	}
	if len(b.Series) < 2 || !slices.Contains(c.Texts, "2016-04") {
		t.Errorf("chart series %d, texts %q: want several counterparts and the month 2016-04", len(b.Series), c.Texts)
	}
	if got, want := p.Swatch, rgb(analyze.BlocColours[b.Bloc.ID-1]); got != want {
		t.Errorf("bloc swatch %s, want the bloc's colour %s", got, want)
	}
	if !slices.ContainsFunc(p.Links, func(l struct{ Href, Text string }) bool {
		return l.Href == "https://example.org/dipgraph/turkey-russia-syria-2016" && strings.HasPrefix(l.Text, "Turkish guns fire")
	}) {
		t.Errorf("evidence links %+v: want the fixture article's url", p.Links)
	}
}

// rgb writes #RRGGBB as the browser's computed style does.
func rgb(hex string) string {
	var r, g, b int
	fmt.Sscanf(strings.TrimPrefix(hex, "#"), "%02x%02x%02x", &r, &g, &b)
	return fmt.Sprintf("rgb(%d, %d, %d)", r, g, b)
}

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
)

func TestReportCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("analysis and report against Neo4j: in the full run only")
	}
	loadExamples(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "kerry.html")

	// Without an analysis the brief still comes, and says how to get the bloc.
	code, stdout, errOut := dipgraph(t, "report", "--actor", "Kerry", "--out", out)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "report on John Kerry (no bloc (run dipgraph analyze))") || !strings.HasSuffix(strings.TrimSpace(stdout), out) {
		t.Errorf("stdout %q", stdout)
	}
	page, _ := os.ReadFile(out)
	if !strings.Contains(string(page), "run <code>dipgraph analyze</code>") {
		t.Errorf("the page does not say how to get the bloc")
	}

	analyzeRun(t)
	code, stdout, errOut = dipgraph(t, "report", "--actor", "John Kerry", "--from", "2016-01-01", "--to", "2016-12-31", "--out", out)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	// In 2016 Kerry met, negotiated and spoke with Lavrov; the 2015 meeting with Zarif is outside.
	if m := regexp.MustCompile(`report on John Kerry \(bloc (\d+)\): 1 partners, 0 adversaries, 3 months, (\d+) sentences`).FindStringSubmatch(stdout); m == nil || m[2] == "0" {
		t.Errorf("stdout %q", stdout)
	}
	b, _ := os.ReadFile(out)
	page = b
	for _, want := range []string{"<svg", "Sergey Lavrov", "Secretary of State", "2016-01-01 to 2016-12-31"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Contains(string(page), "<td>Mohammad Javad Zarif") {
		t.Errorf("the 2016 brief lists Zarif, met in 2015, as a partner")
	}
	// Self-contained: no script, stylesheet, image or font is fetched.
	if regexp.MustCompile(`<script|<link|<img|@import|url\(`).Match(page) {
		t.Errorf("the page refers to outside resources")
	}

	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--actor", "Atlantis", "--out", out}, app.ExitFailure, `no actor "Atlantis" in the graph`},
		{[]string{"--actor", "Russia"}, app.ExitUsage, `"out" not set`},
		{[]string{"--actor", "Russia", "--out", out, "--from", "2016-13-01"}, app.ExitUsage, "is not a date"},
		{[]string{"--actor", "Russia", "--out", filepath.Join(dir, "no", "such", "dir.html")}, app.ExitFailure, "write"},
	} {
		code, _, errOut := dipgraph(t, append([]string{"report"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("report %v: exit %d %q, want exit %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

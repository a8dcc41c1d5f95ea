package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// dipgraph runs the command in-process with the test server's connection settings and
// returns its exit code, stdout and stderr.
func dipgraph(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	for _, kv := range neo4jtest.Env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	var out, errb bytes.Buffer
	code := run(append([]string{"dipgraph"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

var summaryRE = regexp.MustCompile(`articles: (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) invalid, (\d+) failed; nodes \+(\d+) -(\d+), relationships \+(\d+) -(\d+)`)

type summary struct{ new, updated, unchanged, invalid, failed, nodesCreated, nodesDeleted, relsCreated, relsDeleted int }

func parseSummary(t *testing.T, out string) summary {
	t.Helper()
	m := summaryRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary line in output:\n%s", out)
	}
	n := make([]int, len(m))
	for i := 1; i < len(m); i++ {
		n[i], _ = strconv.Atoi(m[i])
	}
	return summary{n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9]}
}

func examplesDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestIngestExamplesTwiceCreatesNothingTheSecondTime(t *testing.T) {
	neo4jtest.Lock(t)
	code, out, errOut := dipgraph(t, "ingest", examplesDir(t))
	if code != 0 {
		t.Fatalf("first ingest: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	first := parseSummary(t, out)
	if first.new == 0 || first.nodesCreated == 0 || first.relsCreated == 0 {
		t.Fatalf("first ingest created nothing: %+v", first)
	}
	code, out, errOut = dipgraph(t, "ingest", examplesDir(t))
	if code != 0 {
		t.Fatalf("second ingest: exit %d\n%s%s", code, out, errOut)
	}
	second := parseSummary(t, out)
	if second.nodesCreated != 0 || second.relsCreated != 0 || second.new != 0 || second.updated != 0 {
		t.Fatalf("second ingest wrote: %+v", second)
	}
	if second.unchanged != first.new {
		t.Fatalf("second ingest: %d unchanged, want %d", second.unchanged, first.new)
	}
}

// queryRows runs a saved query with JSON output and decodes its rows.
func queryRows(t *testing.T, name string, params ...string) []map[string]any {
	t.Helper()
	args := []string{"query", "run", name, "--format", "json"}
	for _, p := range params {
		args = append(args, "--param", p)
	}
	code, out, errOut := dipgraph(t, args...)
	if code != 0 {
		t.Fatalf("query %s: exit %d: %s", name, code, errOut)
	}
	var rows []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("query %s: bad JSON line %q: %v", name, line, err)
		}
		rows = append(rows, m)
	}
	return rows
}

func TestStarterQueriesOnExamples(t *testing.T) {
	neo4jtest.Lock(t)
	if code, out, errOut := dipgraph(t, "ingest", examplesDir(t)); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errOut)
	}

	rows := queryRows(t, "spoke-with", "actor=Kerry")
	found := false
	for _, r := range rows {
		if r["actor"] == "John Kerry" && r["counterpart"] == "Sergey Lavrov" && r["interaction"] == "spoke with" {
			found = true
		}
	}
	if !found {
		t.Errorf("spoke-with Kerry: no row John Kerry spoke with Sergey Lavrov in %v", rows)
	}

	pairs := map[string]bool{}
	for _, r := range queryRows(t, "fights", "actor=IS") {
		pairs[r["attacker"].(string)+" "+r["relation"].(string)+" "+r["target"].(string)] = true
	}
	for _, want := range []string{"Russia fights Islamic State", "US-led coalition attacks Islamic State"} {
		if !pairs[want] {
			t.Errorf("fights IS: missing %q in %v", want, pairs)
		}
	}

	rows = queryRows(t, "excluded-from", "agreement=ceasefire")
	if len(rows) == 0 {
		t.Fatalf("excluded-from ceasefire: no rows")
	}
	var excluded, backed []string
	for _, r := range rows {
		for _, x := range r["excluded"].([]any) {
			excluded = append(excluded, x.(string))
		}
		for _, x := range r["backed_by"].([]any) {
			backed = append(backed, x.(string))
		}
	}
	for _, want := range []string{"Islamic State", "Al-Nusra Front"} {
		if !contains(excluded, want) {
			t.Errorf("excluded-from: %s not excluded in %v", want, excluded)
		}
	}
	for _, want := range []string{"Russia", "United States"} {
		if !contains(backed, want) {
			t.Errorf("excluded-from: %s did not back in %v", want, backed)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestExitCodes(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no command args", []string{"ingest"}, app.ExitUsage, "ingest needs at least one PATH"},
		{"unknown flag", []string{"ingest", "--nope", "x"}, app.ExitUsage, "flag provided but not defined"},
		{"unknown query", []string{"query", "run", "no-such-query"}, app.ExitUsage, `no saved query "no-such-query"`},
		{"missing param", []string{"query", "run", "spoke-with"}, app.ExitUsage, "needs --param actor="},
		{"bad format", []string{"query", "run", "spoke-with", "--param", "actor=x", "--format", "xml"}, app.ExitUsage, "--format must be table, json or csv"},
		{"missing path", []string{"validate", "no/such/dir"}, app.ExitFailure, "no/such/dir: no such file or folder"},
		{"unknown command", []string{"frobnicate"}, app.ExitUsage, `no command "frobnicate"; the commands are ingest, validate,`},
		{"misspelt command", []string{"ingset", "examples/"}, app.ExitUsage, `no command "ingset": did you mean ingest?`},
		{"misspelt subcommand", []string{"query", "rnu", "spoke-with"}, app.ExitUsage, `no command "rnu" in dipgraph query: did you mean run?`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(append([]string{"dipgraph"}, tc.args...), strings.NewReader(""), &out, &errb)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errb.String())
			}
			if !strings.Contains(errb.String(), tc.err) {
				t.Errorf("stderr %q does not contain %q", errb.String(), tc.err)
			}
		})
	}
}

func TestUnreachableServerIsOneClearLine(t *testing.T) {
	var out, errb bytes.Buffer
	t.Setenv("NEO4J_URI", "bolt://127.0.0.1:1")
	code := run([]string{"dipgraph", "ingest", examplesDir(t)}, strings.NewReader(""), &out, &errb)
	if code != app.ExitFailure {
		t.Fatalf("exit %d, want 1; stderr %q", code, errb.String())
	}
	msg := strings.TrimSpace(errb.String())
	if strings.Count(msg, "\n") != 0 || !strings.Contains(msg, "cannot reach Neo4j at bolt://127.0.0.1:1") || !strings.Contains(msg, "make neo4j-up") {
		t.Fatalf("want one line naming the server and how to start it, got %q", msg)
	}
}

func TestHelpHasExamples(t *testing.T) {
	for _, cmd := range [][]string{{"--help"}, {"ingest", "--help"}, {"validate", "--help"}, {"query", "--help"}, {"query", "run", "--help"}} {
		var out, errb bytes.Buffer
		code := run(append([]string{"dipgraph"}, cmd...), strings.NewReader(""), &out, &errb)
		if code != 0 {
			t.Errorf("%v: exit %d", cmd, code)
		}
		if !strings.Contains(out.String(), "Examples:") {
			t.Errorf("%v: help has no examples:\n%s", cmd, out.String())
		}
	}
}

// TestHelpWord: `dipgraph help` and `dipgraph help COMMAND` print the same usage as --help
// and succeed.
func TestHelpWord(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"help", "ingest"}, {"help", "query", "run"}} {
		var out, errb bytes.Buffer
		code := run(append([]string{"dipgraph"}, args...), strings.NewReader(""), &out, &errb)
		var want bytes.Buffer
		flagArgs := append(append([]string{"dipgraph"}, args[1:]...), "--help")
		run(flagArgs, strings.NewReader(""), &want, &bytes.Buffer{})
		if code != app.ExitOK || out.String() != want.String() || out.Len() == 0 {
			t.Errorf("dipgraph %s: exit %d, stdout %q, stderr %q; want exit 0 and the output of --help", strings.Join(args, " "), code, out.String(), errb.String())
		}
	}
}

// TestHelpListsNoDeveloperTools: bench and generate are dipgraph-bench's, not the analyst's.
func TestHelpListsNoDeveloperTools(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"dipgraph", "--help"}, strings.NewReader(""), &out, &bytes.Buffer{}); code != app.ExitOK {
		t.Fatalf("--help: exit %d", code)
	}
	if !strings.Contains(out.String(), "   ingest ") {
		t.Fatalf("--help lists no commands:\n%s", out.String())
	}
	for _, dev := range []string{"   bench ", "   generate "} {
		if strings.Contains(out.String(), dev) {
			t.Errorf("dipgraph --help lists %q, a developer tool of dipgraph-bench", strings.TrimSpace(dev))
		}
	}
}

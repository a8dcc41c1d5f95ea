package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
)

func benchCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := app.Run(benchApp(strings.NewReader(""), &out, &errb), append([]string{"dipgraph-bench"}, args...))
	return code, out.String(), errb.String()
}

// TestGenerateWritesTheSameCorpusTwice: generate writes brat pairs with metadata, and the
// same --articles and --seed give the same bytes.
func TestGenerateWritesTheSameCorpusTwice(t *testing.T) {
	dirs := []string{t.TempDir(), t.TempDir()}
	for _, d := range dirs {
		if code, out, errOut := benchCmd("generate", "--articles", "5", "--seed", "3", d); code != app.ExitOK {
			t.Fatalf("generate: exit %d\n%s%s", code, out, errOut)
		}
	}
	anns, err := filepath.Glob(filepath.Join(dirs[0], "*", "*.ann"))
	if err != nil || len(anns) != 5 {
		t.Fatalf("generate wrote %d .ann files, want 5 (%v)", len(anns), err)
	}
	for _, a := range anns {
		rel, _ := filepath.Rel(dirs[0], a)
		first, _ := os.ReadFile(a)
		second, err := os.ReadFile(filepath.Join(dirs[1], rel))
		if err != nil || !bytes.Equal(first, second) || len(first) == 0 {
			t.Errorf("%s differs between two runs with the same seed (%v)", rel, err)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"generate"}, "generate needs one OUT_DIR"},
		{[]string{"bench", "--articles", "0"}, "--articles must be at least 1"},
		{[]string{"bench", "--nope"}, "flag provided but not defined"},
		{[]string{"bnech"}, `no command "bnech": did you mean bench?`},
	} {
		code, _, errOut := benchCmd(tc.args...)
		if code != app.ExitUsage || !strings.Contains(errOut, tc.want) || !strings.Contains(errOut, "dipgraph-bench --help") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

// TestDipgraphBinaryIsFoundOrNamed: the benchmark runs the dipgraph executable given, and
// says how to get one when there is none.
func TestDipgraphBinaryIsFoundOrNamed(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "dipgraph")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := dipgraphBinary(exe); err != nil || got != exe {
		t.Errorf("dipgraphBinary(%q) = %q, %v", exe, got, err)
	}
	code, _, errOut := benchCmd("bench", "--articles", "1", "--dipgraph", filepath.Join(t.TempDir(), "no-such-dipgraph"))
	if code != app.ExitFailure || !strings.Contains(errOut, "no-such-dipgraph") {
		t.Errorf("bench --dipgraph with a missing file: exit %d, stderr %q; want exit 1 naming the file", code, errOut)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := dipgraphBinary(""); err == nil || !strings.Contains(err.Error(), "make build") {
		t.Errorf("without a dipgraph anywhere: %v; want an error that says to run make build", err)
	}
}

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runDipgraph(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(append([]string{"dipgraph"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestEvalSets runs eval as make eval does, on the tuning set and each blind set, and
// checks the tables are there and that --exclude leaves out exactly the blind sets; the
// figures themselves belong to docs/EXTRACTION.md, not to a test.
func TestEvalSets(t *testing.T) {
	gold := "../../examples/gold"
	blinds, err := filepath.Glob(filepath.Join(gold, "blind*"))
	if err != nil || len(blinds) == 0 {
		t.Fatalf("no blind set under %s: %v", gold, err)
	}
	count := func(args ...string) int {
		t.Helper()
		args = append([]string{"eval", "--min-cpu", "0"}, args...)
		code, out, errOut := runDipgraph(args...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
		for _, want := range []string{"entities (overlap)", "entities (exact)", "resolution (keys)", "relations", "throughput: ", "summary: entity F1"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: output lacks %q:\n%s", args, want, out)
			}
		}
		var n int
		if _, err := fmt.Sscanf(out, "%d articles", &n); err != nil {
			t.Fatalf("%v: no article count: %v\n%s", args, err, out)
		}
		return n
	}
	tuningArgs := []string{"--gold", gold}
	held := 0
	for _, b := range blinds {
		tuningArgs = append(tuningArgs, "--exclude", b)
		n := count("--gold", b)
		if n < 12 {
			t.Errorf("%s: %d articles, a blind set has at least 12", b, n)
		}
		held += n
	}
	all, tuning := count("--gold", gold), count(tuningArgs...)
	if tuning < 6 || tuning+held != all {
		t.Errorf("articles: %d in all, %d tuning, %d in the blind sets %v", all, tuning, held, blinds)
	}
}

// TestEvalPred scores a folder of predictions written by annotate, the other way to use eval.
func TestEvalPred(t *testing.T) {
	pred := t.TempDir()
	blind := "../../examples/gold/blind"
	if code, out, errOut := runDipgraph("annotate", "--quiet", "--out", pred, blind); code != 0 {
		t.Fatalf("annotate: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := runDipgraph("eval", "--gold", blind, "--pred", pred)
	if code != 0 || !strings.Contains(out, "13 articles") || strings.Contains(out, "throughput") {
		t.Fatalf("eval --pred: exit %d\n%s%s", code, out, errOut)
	}
	// The same annotator scored in place gives the same relation line.
	_, direct, _ := runDipgraph("eval", "--gold", blind, "--min-cpu", "0")
	if rel(out) == "" || rel(out) != rel(direct) {
		t.Errorf("--pred and in-place scores differ:\n%s\n%s", rel(out), rel(direct))
	}
	os.Remove(filepath.Join(pred, "colombia-farc-accord-2016.ann"))
	if code, _, errOut := runDipgraph("eval", "--gold", blind, "--pred", pred); code == 0 || !strings.Contains(errOut, "no predicted annotations") {
		t.Errorf("a missing prediction: exit %d, %s", code, errOut)
	}
	if code, _, _ := runDipgraph("eval", "--gold", blind, "--pred", pred, "--dictionary", "x.tsv"); code != 2 {
		t.Errorf("--dictionary with --pred: exit %d, want 2", code)
	}
}

// rel returns the summary line's relation figures (F1, P, R).
func rel(out string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "summary: ") {
			_, r, _ := strings.Cut(l, "relation F1 ")
			r, _, _ = strings.Cut(r, ";")
			return r
		}
	}
	return ""
}

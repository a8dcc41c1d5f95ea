// Package golden compares what a test produced with a golden file under testdata, and
// rewrites the file when the test runs with -update (go test ./graph -run TestGolden
// -update), so that a deliberate change is one command and a git diff to review.
package golden

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Cases returns the case folders testdata/*, in order: every folder but testdata/fuzz
// (where go test -fuzz keeps its corpora), or, when marker is not "", those that hold
// the file or folder marker (a case's "in").
func Cases(t testing.TB, marker string) []string {
	t.Helper()
	dirs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() || filepath.Base(dir) == "fuzz" {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, marker)); marker == "" || err == nil {
			out = append(out, dir)
		}
	}
	return out
}

// JSON renders v as the golden files hold it: indented by two spaces, a line feed at the end.
func JSON(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Check compares got with the golden file at path; with -update it writes got there.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the test produced; inspect with -update and git diff\n%s", path, FirstDiff(want, got))
	}
}

// FirstDiff shows the first line where two texts differ.
func FirstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return fmt.Sprintf("line %d:\n  want %s\n  got  %s", i+1, w, g)
		}
	}
	return ""
}

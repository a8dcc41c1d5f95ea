package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArgs(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(append([]string{"dipgraph"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestGazetteerLookup shows one name resolving to two people by date, a bare title to its
// holder, and the reasons printed with them.
func TestGazetteerLookup(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"George Bush", "--date", "1991-03-01"}, []string{"→ George Bush [george-bush]", "matched name \"George Bush\"", "1989-01-20 to 1993-01-20 (USAGOV)", "George W. Bush [george-w-bush]"}},
		{[]string{"George Bush", "--date", "2003-03-20"}, []string{"→ George W. Bush [george-w-bush]", "matched alias \"George Bush\"", "role on 2003-03-20: President of United States, 2001-01-20 to 2009-01-20"}},
		{[]string{"the US defense secretary", "--date", "2005-06-01"}, []string{"title \"Secretary of Defense\" of United States", "→ Donald Rumsfeld"}},
		{[]string{"the US Secretary of State", "--date", "2014-05-01"}, []string{"→ John Kerry [john-kerry]", "Wikidata Q22316", "hand-curated"}},
		{[]string{"Kabul", "--type", "State"}, []string{"→ Afghanistan", "adjective or place standing for it"}},
		{[]string{"Nobody Atall"}, []string{"no actor of the gazetteer has this name"}},
	} {
		code, out, errb := runArgs(append([]string{"gazetteer", "lookup"}, tt.args...)...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tt.args, code, errb)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", tt.args, w, out)
			}
		}
	}
	if code, _, errb := runArgs("gazetteer", "lookup", "Kerry", "--date", "yesterday-ish"); code != 2 || !strings.Contains(errb, "--date") {
		t.Errorf("a bad date: exit %d, %q; want a usage error about --date", code, errb)
	}
	if code, out, _ := runArgs("gazetteer", "lookup", "--help"); code != 0 || !strings.Contains(out, "Examples:") {
		t.Errorf("lookup --help: exit %d, no examples:\n%s", code, out)
	}
}

// TestGazetteerBuild converts the dictionaries when they are beside the repository and
// checks the file and its licence notice.
func TestGazetteerBuild(t *testing.T) {
	src := filepath.Join("..", "..", "..", "shared", "data", "petrarch2")
	if _, err := os.Stat(filepath.Join(src, "Phoenix.Countries.actors.txt")); err != nil {
		t.Skipf("the Phoenix dictionaries are not beside the repository (%v)", err)
	}
	out := filepath.Join(t.TempDir(), "actors.jsonl.gz")
	code, stdout, errb := runArgs("gazetteer", "build", "--from", src, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if !strings.Contains(stdout, "actors (") {
		t.Errorf("no summary: %q", stdout)
	}
	lic, err := os.ReadFile(strings.TrimSuffix(out, ".jsonl.gz") + ".LICENSE")
	if err != nil || !strings.Contains(string(lic), "MIT License") {
		t.Errorf("licence notice: %v %q", err, lic)
	}
	if code, _, errb := runArgs("gazetteer", "build", "--from", t.TempDir()); code == 0 || !strings.Contains(errb, "--from must be a folder with") {
		t.Errorf("an empty folder: exit %d, %q", code, errb)
	}
}

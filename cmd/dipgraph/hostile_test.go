package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The hostile-input catalogue: ingest/testdata/hostile/<case>/ holds an input folder in/
// and a file want that says what dipgraph must do with it. Each case runs through every
// command that reads articles (validate, ingest --dry-run, export --format json; or the
// command line the case gives), from inside in/ so that messages name files as a user
// would see them, and must give the exit code and every message it lists.
//
// want, one directive a line:
//
//	# What the input is (the first comment describes the case in docs/HOSTILE-INPUT.md).
//	args: --strict .         arguments after the command (default ".")
//	run: analyse             a whole command line instead of the three commands
//	stdin: a.json            a file of in/ fed to standard input
//	commands: ingest --dry-run --format text   only this command (repeatable)
//	exit: 1                  the exit code of every command
//	say: a.txt:1: text holds …   text the output (stderr, then stdout) must hold (repeatable)
//	not: empty file          text the output must not hold (repeatable)
//	out: "name": "René Müller"   text the stdout of ingest --dry-run must hold exactly
//	                         once (repeatable)
//
// docs/HOSTILE-INPUT.md lists every case; run with -update-hostile to rewrite its table.

var updateHostile = flag.Bool("update-hostile", false, "rewrite the case table of docs/HOSTILE-INPUT.md")

type hostileCase struct {
	name     string
	what     string
	args     []string
	run      []string
	stdin    string
	commands [][]string
	exit     int
	say, not []string
	out      []string
}

const hostileDir = "../../ingest/testdata/hostile"

func loadHostileCases(t *testing.T) []hostileCase {
	t.Helper()
	entries, err := os.ReadDir(hostileDir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []hostileCase
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(hostileDir, e.Name(), "want"))
		if err != nil {
			t.Fatalf("case %s: %v", e.Name(), err)
		}
		c := hostileCase{name: e.Name(), args: []string{"."}, exit: -1}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if strings.TrimSpace(line) == "" {
				continue
			}
			if strings.HasPrefix(line, "#") {
				if c.what == "" {
					c.what = strings.TrimSpace(strings.TrimPrefix(line, "#"))
				}
				continue
			}
			key, val, ok := strings.Cut(line, ": ")
			if !ok {
				t.Fatalf("%s/want:%d: expected KEY: VALUE, got %q", e.Name(), n, line)
			}
			switch key {
			case "args":
				c.args = strings.Fields(val)
			case "run":
				c.run = strings.Fields(val)
			case "stdin":
				c.stdin = val
			case "commands":
				c.commands = append(c.commands, strings.Fields(val))
			case "exit":
				if c.exit, err = strconv.Atoi(val); err != nil {
					t.Fatalf("%s/want:%d: %v", e.Name(), n, err)
				}
			case "say":
				c.say = append(c.say, val)
			case "not":
				c.not = append(c.not, val)
			case "out":
				c.out = append(c.out, val)
			default:
				t.Fatalf("%s/want:%d: unknown directive %q", e.Name(), n, key)
			}
		}
		if c.what == "" || c.exit < 0 {
			t.Fatalf("case %s: want needs a # description and an exit: line", e.Name())
		}
		if c.exit != 0 && len(c.say) == 0 {
			t.Fatalf("case %s: a refused input needs the message it gets (say:)", e.Name())
		}
		cases = append(cases, c)
	}
	return cases
}

// commandLines are the command lines a case runs.
func (c hostileCase) commandLines() [][]string {
	if c.run != nil {
		return [][]string{c.run}
	}
	cmds := c.commands
	if cmds == nil {
		cmds = [][]string{{"validate"}, {"ingest", "--dry-run"}, {"export", "--format", "json"}}
	}
	var out [][]string
	for _, cmd := range cmds {
		out = append(out, append(append([]string{}, cmd...), c.args...))
	}
	return out
}

func TestHostileInputs(t *testing.T) {
	cases := loadHostileCases(t)
	if len(cases) < 60 {
		t.Errorf("the catalogue has %d cases; it should keep at least 60", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, err := filepath.Abs(filepath.Join(hostileDir, c.name, "in"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(in); err != nil {
				in = t.TempDir() // a case that needs no input (a command-line typo)
			}
			t.Chdir(in)
			for _, args := range c.commandLines() {
				stdin := []byte{}
				if c.stdin != "" {
					if stdin, err = os.ReadFile(c.stdin); err != nil {
						t.Fatal(err)
					}
				}
				var out, errb bytes.Buffer
				code := run(append([]string{"dipgraph"}, args...), bytes.NewReader(stdin), &out, &errb)
				cmd := strings.Join(args, " ")
				said := errb.String() + out.String()
				if code != c.exit {
					t.Errorf("dipgraph %s: exit %d, want %d\nstderr:\n%s", cmd, code, c.exit, errb.String())
				}
				for _, s := range c.say {
					if !strings.Contains(said, s) {
						t.Errorf("dipgraph %s: output lacks %q:\n%s", cmd, s, said)
					}
				}
				for _, s := range c.not {
					if strings.Contains(said, s) {
						t.Errorf("dipgraph %s: output holds %q:\n%s", cmd, s, said)
					}
				}
				if len(args) > 1 && args[0] == "ingest" && args[1] == "--dry-run" {
					for _, s := range c.out {
						if n := strings.Count(out.String(), s); n != 1 {
							t.Errorf("dipgraph %s: stdout holds %q %d times, want once:\n%s", cmd, s, n, out.String())
						}
					}
				}
			}
		})
	}
	checkHostileDoc(t, cases)
}

// checkHostileDoc checks (or, with -update-hostile, rewrites) the table of cases in
// docs/HOSTILE-INPUT.md, between its two marker lines.
func checkHostileDoc(t *testing.T, cases []hostileCase) {
	t.Helper()
	const doc = "../../docs/HOSTILE-INPUT.md"
	const begin, end = "<!-- cases: begin (go test ./cmd/dipgraph -run TestHostileInputs -update-hostile) -->", "<!-- cases: end -->"
	b, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the marker lines %q and %q", doc, begin, end)
	}
	sort.Slice(cases, func(a, b int) bool { return cases[a].name < cases[b].name })
	var tb strings.Builder
	tb.WriteString("\n| case | input | commands | exit | what dipgraph says |\n| --- | --- | --- | --- | --- |\n")
	for _, c := range cases {
		var runs []string
		if c.run == nil && c.commands == nil {
			runs = []string{"all three"}
			if a := strings.Join(c.args, " "); a != "." {
				runs[0] += " with `" + a + "`"
			}
		} else {
			for _, cl := range c.commandLines() {
				runs = append(runs, "`"+strings.Join(cl, " ")+"`")
			}
		}
		says := "accepted"
		if len(c.say) > 0 {
			var q []string
			for _, s := range c.say {
				q = append(q, "`"+strings.ReplaceAll(s, "|", `\|`)+"`")
			}
			says = strings.Join(q, "<br>")
			if c.exit == 0 {
				says = "accepted; " + says
			}
		}
		if len(c.out) > 0 {
			var q []string
			for _, s := range c.out {
				q = append(q, "`"+strings.ReplaceAll(s, "|", `\|`)+"`")
			}
			says += "; the graph holds " + strings.Join(q, ", ") + " once"
		}
		fmt.Fprintf(&tb, "| [%s](../ingest/testdata/hostile/%s/) | %s | %s | %d | %s |\n",
			c.name, c.name, strings.ReplaceAll(c.what, "|", `\|`), strings.Join(runs, "<br>"), c.exit, says)
	}
	want := s[:i+len(begin)] + tb.String() + s[j:]
	if *updateHostile {
		if err := os.WriteFile(doc, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != s {
		t.Errorf("%s does not list the cases as they are; run go test ./cmd/dipgraph -run TestHostileInputs -update-hostile", doc)
	}
}

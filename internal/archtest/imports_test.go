package archtest

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// testLayer marks the rows of the table whose packages only tests may import.
const testLayer = -1

// rule is one row of the layer table in ARCHITECTURE.md.
type rule struct {
	layer   int
	pattern string // "graph", or "ingest/*" for the direct subpackages of ingest
	line    int
}

// matches reports whether pkg (relative to the module) falls under the rule, and how
// specific the match is (an exact name beats a wildcard).
func (r rule) matches(pkg string) (bool, int) {
	if prefix, ok := strings.CutSuffix(r.pattern, "/*"); ok {
		rest, found := strings.CutPrefix(pkg, prefix+"/")
		return found && rest != "" && !strings.Contains(rest, "/"), 1
	}
	return pkg == r.pattern, 2
}

// readRules reads the layer table from ARCHITECTURE.md.
func readRules(t *testing.T, path string) []rule {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read the layer table: %v", err)
	}
	var rules []rule
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		cells := strings.Split(sc.Text(), "|")
		if len(cells) < 4 || !strings.HasPrefix(strings.TrimSpace(cells[2]), "`") {
			continue
		}
		layerText := strings.TrimSpace(cells[1])
		layer := testLayer
		if layerText != "test" {
			if layer, err = strconv.Atoi(layerText); err != nil {
				t.Fatalf("%s:%d: layer %q is neither a number nor \"test\"", path, n, layerText)
			}
		}
		rules = append(rules, rule{layer: layer, pattern: strings.Trim(strings.TrimSpace(cells[2]), "`"), line: n})
	}
	if len(rules) == 0 {
		t.Fatalf("%s: no layer table found (rows look like `| 2 | `graph` | … |`)", path)
	}
	return rules
}

// layerOf finds the most specific rule for pkg.
func layerOf(rules []rule, pkg string) (rule, bool) {
	var best rule
	bestScore := 0
	for _, r := range rules {
		if ok, score := r.matches(pkg); ok && score > bestScore {
			best, bestScore = r, score
		}
	}
	return best, bestScore > 0
}

// listed is one package as `go list -deps` describes it.
type listed struct {
	path string
	deps []string
}

// goList runs `go list` over the module and returns each package with the module's
// packages it depends on (non-test imports, transitively), both relative to the module.
func goList(t *testing.T, root string) []listed {
	t.Helper()
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		if goBin, err = exec.LookPath("go"); err != nil {
			t.Skip("the go command is not installed here: the import rules cannot be listed")
		}
	}
	cmd := exec.Command(goBin, "list", "-f", "{{.ImportPath}} {{join .Deps \" \"}}", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list ./...: %v", err)
	}
	modCmd := exec.Command(goBin, "list", "-m")
	modCmd.Dir = root
	modOut, err := modCmd.Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	module := strings.TrimSpace(string(modOut))
	rel := func(p string) (string, bool) {
		if p == module {
			return ".", true
		}
		return strings.CutPrefix(p, module+"/")
	}
	var pkgs []listed
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		path, ok := rel(fields[0])
		if !ok {
			continue
		}
		l := listed{path: path}
		for _, d := range fields[1:] {
			if dep, ok := rel(d); ok {
				l.deps = append(l.deps, dep)
			}
		}
		pkgs = append(pkgs, l)
	}
	return pkgs
}

// violations checks every package against the rules and returns what breaks them.
func violations(rules []rule, pkgs []listed, forbidden map[string][]string) []string {
	var bad []string
	for _, p := range pkgs {
		own, ok := layerOf(rules, p.path)
		if !ok {
			bad = append(bad, fmt.Sprintf("%s is not in the layer table of ARCHITECTURE.md: add a row for it", p.path))
			continue
		}
		for _, dep := range p.deps {
			r, ok := layerOf(rules, dep)
			switch {
			case !ok:
				continue // reported on its own row
			case r.layer == testLayer && own.layer != testLayer:
				bad = append(bad, fmt.Sprintf("%s (layer %d) depends on %s, which only tests may import", p.path, own.layer, dep))
			case own.layer != testLayer && r.layer >= own.layer:
				bad = append(bad, fmt.Sprintf("%s (layer %d) depends on %s (layer %d): a package may only import lower layers", p.path, own.layer, dep, r.layer))
			}
		}
		for _, f := range forbidden[p.path] {
			for _, dep := range p.deps {
				if dep == f {
					bad = append(bad, fmt.Sprintf("%s depends on %s, which ARCHITECTURE.md keeps out of it", p.path, dep))
				}
			}
		}
	}
	return bad
}

// forbidden are the rules beyond the layers: the analyst's binary ships no developer tools.
var forbidden = map[string][]string{
	"cmd/dipgraph": {"internal/bench", "internal/generate"},
}

func TestImportRules(t *testing.T) {
	root := filepath.Join("..", "..")
	rules := readRules(t, filepath.Join(root, "ARCHITECTURE.md"))
	pkgs := goList(t, root)
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages; expected the whole module", len(pkgs))
	}
	for _, v := range violations(rules, pkgs, forbidden) {
		t.Error(v)
	}
}

// TestViolationsAreFound checks the checker on a made-up module: it must catch an upward
// import, a same-layer import, a product package importing a test helper, a forbidden
// pair and a package missing from the table.
func TestViolationsAreFound(t *testing.T) {
	rules := []rule{
		{layer: 0, pattern: "ingest"},
		{layer: 1, pattern: "graph"},
		{layer: 3, pattern: "ingest/*"},
		{layer: 4, pattern: "ingest/readers"},
		{layer: 4, pattern: "internal/export"},
		{layer: 4, pattern: "internal/neo4jstore"},
		{layer: 7, pattern: "cmd/*"},
		{layer: testLayer, pattern: "internal/neo4jtest"},
	}
	pkgs := []listed{
		{path: "ingest", deps: nil},
		{path: "graph", deps: []string{"ingest"}},
		{path: "ingest/brat", deps: []string{"ingest", "graph"}},
		{path: "ingest/readers", deps: []string{"ingest/brat"}},
		{path: "internal/export", deps: []string{"graph"}},
		{path: "internal/neo4jtest", deps: []string{"internal/neo4jstore"}},
		{path: "cmd/dipgraph", deps: []string{"ingest/readers", "internal/neo4jstore"}},
	}
	if v := violations(rules, pkgs, nil); len(v) != 0 {
		t.Fatalf("a clean module was reported: %q", v)
	}
	cases := []struct {
		name string
		pkg  listed
		want string
	}{
		{"upward", listed{path: "graph", deps: []string{"ingest/brat"}}, "graph (layer 1) depends on ingest/brat (layer 3)"},
		{"same layer", listed{path: "internal/neo4jstore", deps: []string{"internal/export"}}, "internal/neo4jstore (layer 4) depends on internal/export (layer 4)"},
		{"test helper", listed{path: "internal/export", deps: []string{"internal/neo4jtest"}}, "only tests may import"},
		{"missing row", listed{path: "internal/util"}, "internal/util is not in the layer table"},
		{"forbidden pair", listed{path: "cmd/dipgraph", deps: []string{"internal/export"}}, "keeps out of it"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := violations(rules, []listed{c.pkg}, map[string][]string{"cmd/dipgraph": {"internal/export"}})
			if len(got) != 1 || !strings.Contains(got[0], c.want) {
				t.Fatalf("got %q, want one violation containing %q", got, c.want)
			}
		})
	}
}

func TestRulesReadFromTheDocument(t *testing.T) {
	rules := readRules(t, filepath.Join("..", "..", "ARCHITECTURE.md"))
	for _, pkg := range []string{"ingest", "graph", "internal/neo4jstore", "cmd/dipgraph"} {
		if _, ok := layerOf(rules, pkg); !ok {
			t.Errorf("ARCHITECTURE.md has no row for %s", pkg)
		}
	}
	if r, _ := layerOf(rules, "ingest/native"); r.pattern != "ingest/*" {
		t.Errorf("ingest/native should fall under the ingest/* row, got %q", r.pattern)
	}
	if r, _ := layerOf(rules, "ingest/readers"); r.pattern != "ingest/readers" {
		t.Errorf("an exact row should beat a wildcard, got %q", r.pattern)
	}
}

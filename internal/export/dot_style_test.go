package export

import (
	"os"
	"regexp"
	"testing"
)

// TestDotColoursFollowBrowserStyle keeps the DOT picture's colours those of the Browser style.
func TestDotColoursFollowBrowserStyle(t *testing.T) {
	b, err := os.ReadFile("../../scripts/browser/style.grass")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile(`node\.(\w+)\s*\{([^}]*)\}`).FindAllStringSubmatch(string(b), -1)
	colour := regexp.MustCompile(`(?m)^\s*color:\s*(#[0-9A-Fa-f]{6})`)
	n := 0
	bloc := regexp.MustCompile(`^Bloc\d+$`)
	for _, m := range blocks {
		// Bloc1… label the blocs of `dipgraph analyze`, a step after loading; a DOT export
		// draws the graph of the articles, which has none.
		if bloc.MatchString(m[1]) {
			continue
		}
		c := colour.FindStringSubmatch(m[2])
		if c == nil {
			continue
		}
		n++
		if dotFill[m[1]] != c[1] {
			t.Errorf("%s: style colour %s, DOT colour %q", m[1], c[1], dotFill[m[1]])
		}
	}
	if n == 0 || n != len(dotFill) {
		t.Errorf("style has %d node colours, DOT has %d", n, len(dotFill))
	}
}

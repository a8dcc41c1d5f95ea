package schema_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/schema"
)

// grassRule is one rule of a GraSS file: its selector (node, node.State, relationship.X)
// and its properties.
type grassRule struct {
	selector string
	props    map[string]string
}

var grassProp = regexp.MustCompile(`^\s*([a-z-]+):\s*(.*?);\s*$`)

// readGrass parses style.grass strictly: selector, `{`, one `name: value;` a line, `}`.
// A rule left open or a line of another shape fails the test, as it would confuse the
// Browser.
func readGrass(t *testing.T) map[string]grassRule {
	t.Helper()
	b, err := os.ReadFile("../../scripts/browser/style.grass")
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]grassRule{}
	var cur *grassRule
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasSuffix(line, "{"):
			if cur != nil {
				t.Fatalf("style.grass:%d: rule %s opens before %s is closed", i+1, line, cur.selector)
			}
			cur = &grassRule{strings.TrimSpace(strings.TrimSuffix(line, "{")), map[string]string{}}
		case line == "}":
			if cur == nil {
				t.Fatalf("style.grass:%d: } closes no rule", i+1)
			}
			if _, dup := rules[cur.selector]; dup {
				t.Errorf("style.grass:%d: rule %s twice", i+1, cur.selector)
			}
			rules[cur.selector] = *cur
			cur = nil
		default:
			m := grassProp.FindStringSubmatch(line)
			if cur == nil || m == nil {
				t.Fatalf("style.grass:%d: %q is not a property inside a rule", i+1, line)
			}
			cur.props[m[1]] = m[2]
		}
	}
	if cur != nil {
		t.Fatalf("style.grass: rule %s is never closed", cur.selector)
	}
	return rules
}

// TestBrowserStyleCoversTheSchema checks that the Browser style has a rule for every label
// of the schema, drawn in the schema's colours (which the DOT export uses too), and no
// node rule for a label the schema does not know, besides the blocs `dipgraph analyze` adds.
func TestBrowserStyleCoversTheSchema(t *testing.T) {
	rules := readGrass(t)
	base := rules["node"]
	for _, l := range schema.NodeLabels {
		r, ok := rules["node."+l.Name]
		if !ok {
			t.Errorf("style.grass has no rule node.%s", l.Name)
			continue
		}
		want, _ := schema.LabelStyle(l.Name)
		got := schema.Style{Fill: r.props["color"], Border: r.props["border-color"], Text: r.props["text-color-internal"]}
		// A property the rule leaves out is the plain node's.
		for _, p := range []struct {
			v    *string
			name string
		}{{&got.Fill, "color"}, {&got.Border, "border-color"}, {&got.Text, "text-color-internal"}} {
			if *p.v == "" {
				*p.v = base.props[p.name]
			}
		}
		if !strings.EqualFold(got.Fill, want.Fill) || !strings.EqualFold(got.Border, want.Border) || !strings.EqualFold(got.Text, want.Text) {
			t.Errorf("node.%s: style.grass draws %+v, the schema %+v", l.Name, got, want)
		}
	}
	bloc := regexp.MustCompile(`^node\.Bloc\d+$`)
	for sel := range rules {
		name, isNode := strings.CutPrefix(sel, "node.")
		if !isNode || bloc.MatchString(sel) {
			continue
		}
		if _, ok := schema.LabelStyle(name); !ok {
			t.Errorf("style.grass styles %s, a label the schema does not list", sel)
		}
	}
}

// TestNodeLabelsAreWhatGraphMakes checks the schema's labels against package graph: an
// event type is one graph.IsEventLabel knows, an actor type one graph.Label gives as is.
func TestNodeLabelsAreWhatGraphMakes(t *testing.T) {
	for _, l := range schema.NodeLabels {
		if got, err := graph.Label(l.Name); err != nil || got != l.Name {
			t.Errorf("label %s: graph.Label gives %q, %v", l.Name, got, err)
		}
		if l.Kind == schema.EventType && !graph.IsEventLabel(l.Name) {
			t.Errorf("event type %s is not an event label for graph", l.Name)
		}
		if l.Kind == schema.Actor && graph.IsEventLabel(l.Name) {
			t.Errorf("actor type %s is an event label for graph", l.Name)
		}
	}
}

package graph

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/readers"
)

// TestEvidenceSpansAreCodePoints checks, on text with curly quotes, em dashes and
// accents, that every evidence span covers an annotated mention in code points.
func TestEvidenceSpansAreCodePoints(t *testing.T) {
	srcs, _, err := ingest.Discover([]string{"testdata/non-ascii"}, ingest.Options{Readers: readers.All(), Format: brat.Format})
	if err != nil {
		t.Fatal(err)
	}
	a, err := ingest.Read(srcs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Text) == len([]rune(a.Text)) {
		t.Fatal("the non-ascii case has no multi-byte characters")
	}
	ag, err := NewBuilder(nil).Build(a)
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(a.Text)
	texts := map[string]bool{}
	for _, m := range a.Mentions {
		texts[m.Text] = true
	}
	n := 0
	for _, r := range ag.Rels {
		for _, e := range r.Evidence {
			for _, part := range strings.Split(e.Spans, ";") {
				var s, en int
				if _, err := fmt.Sscanf(part, "%d-%d", &s, &en); err != nil {
					t.Fatalf("%s: bad span %q", r.Type, part)
				}
				if !texts[string(runes[s:en])] {
					t.Errorf("%s: span %s covers %q, not a mention", r.Type, part, string(runes[s:en]))
				}
				n++
			}
			if !strings.Contains(e.Text, string(runes[mustStart(e.Spans):mustEnd(e.Spans)])) {
				t.Errorf("%s: the evidence sentence does not hold its first span", r.Type)
			}
		}
	}
	if n < 5 {
		t.Errorf("checked only %d spans", n)
	}
}

func mustStart(spans string) int {
	var s int
	fmt.Sscanf(spans, "%d", &s)
	return s
}

func mustEnd(spans string) int {
	var s, e int
	fmt.Sscanf(strings.Split(spans, ";")[0], "%d-%d", &s, &e)
	return e
}

func TestStatus(t *testing.T) {
	tests := []struct {
		attrs []ingest.Attribute
		want  string
	}{
		{nil, Asserted},
		{[]ingest.Attribute{{Name: "Negation"}}, Negated},
		{[]ingest.Attribute{{Name: "Speculation"}}, Speculated},
		{[]ingest.Attribute{{Name: "Proposed"}}, Proposed},
		{[]ingest.Attribute{{Name: "Speculation"}, {Name: "Proposed"}}, Proposed},
		{[]ingest.Attribute{{Name: "Proposed"}, {Name: "Negation"}}, Negated},
		{[]ingest.Attribute{{Name: "Status", Value: "speculated"}}, Speculated},
		{[]ingest.Attribute{{Name: "Confidence", Value: "High"}}, Asserted},
	}
	for _, tt := range tests {
		if got := status(tt.attrs); got != tt.want {
			t.Errorf("status(%v) = %s, want %s", tt.attrs, got, tt.want)
		}
	}
}

func TestRoleType(t *testing.T) {
	for role, want := range map[string]string{
		"Backer": "BACKED", "Backer2": "BACKED", "Excluded": "EXCLUDED_FROM", "Participant3": "PARTICIPATED_IN",
		"Agent": "AGENT_OF", "Target2": "TARGET_OF", "Place": "LOCATION_OF", "Theme2": "THEME_OF", "Instrument": "INSTRUMENT_OF",
	} {
		if got, err := RoleType(role); err != nil || got != want {
			t.Errorf("RoleType(%q) = %q, %v; want %q", role, got, err, want)
		}
	}
}

func TestDerive(t *testing.T) {
	a := eventArg{role: "AGENT_OF", key: "a"}
	t1 := eventArg{role: "TARGET_OF", key: "t1"}
	t2 := eventArg{role: "TARGET_OF", key: "t2"}
	if d := derive("Attack", []eventArg{a, t1, t2}); len(d) != 2 || d[0].typ != "ATTACKS" || d[0].from.key != "a" {
		t.Errorf("attack: %+v", d)
	}
	p := func(k string) eventArg { return eventArg{role: "PARTICIPATED_IN", key: k} }
	d := derive("Talks", []eventArg{p("z"), p("b"), p("m"), {role: "LOCATION_OF", key: "geneva"}})
	if len(d) != 3 {
		t.Fatalf("three participants make %d pairs, want 3", len(d))
	}
	for _, x := range d {
		if x.typ != "NEGOTIATED" || x.from.key >= x.to.key {
			t.Errorf("talks pair %s %s→%s: want NEGOTIATED from the smaller key", x.typ, x.from.key, x.to.key)
		}
	}
	if d := derive("Ceasefire", []eventArg{{role: "BACKED", key: "x"}, {role: "BACKED", key: "y"}}); len(d) != 0 {
		t.Errorf("a ceasefire derived %+v", d)
	}
}

package graph

import (
	"strings"
	"testing"
)

// FuzzResolveDate checks that any text resolves to a well-formed date or to none.
func FuzzResolveDate(f *testing.F) {
	for _, s := range []string{"27 February", "Saturday", "last month", "September 2014", "next week", "31 Feb", "2016-02-30", "on the 3rd"} {
		f.Add(s, "2016-04-24")
	}
	f.Fuzz(func(t *testing.T, text, published string) {
		d, ok := ResolveDate(text, published)
		if ok && Precision(d) == "" {
			t.Errorf("ResolveDate(%q, %q) = %q: not an ISO date", text, published, d)
		}
	})
}

// FuzzParseTitled checks that taking a person mention apart never loses the name's words
// to nothing and never panics.
func FuzzParseTitled(f *testing.F) {
	g := BuiltinGazetteer()
	for _, s := range []string{"US Secretary of State John Kerry", "Walid Muallem, Syria’s foreign minister", "former ex-President", ", ,", "the —", "Mr", "UN Special Envoy for Syria"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tt := g.parseTitled(text)
		if tt.name == "" && tt.title == "" && strings.TrimSpace(text) != "" && NormName(text) != "" {
			t.Errorf("parseTitled(%q) kept neither a name nor a title", text)
		}
		if tt.ofAct == nil && tt.of != "" {
			t.Errorf("parseTitled(%q): of %q without an actor", text, tt.of)
		}
	})
}

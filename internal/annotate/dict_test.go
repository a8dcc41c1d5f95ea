package annotate

import (
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
)

// TestDictionaryActors checks that the annotator finds actors only the Phoenix
// dictionaries know, with their types, and that it leaves alone what those dictionaries
// list but a text does not mean as a name: a bare surname, a common word.
func TestDictionaryActors(t *testing.T) {
	an, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "Mikhail Fradkov met envoys of the Abu Sayyaf Group and the Expediency Council in Abuja. " +
		"Gates said the talks would go on. Aid arrived by road."
	a := &ingest.Article{ID: "dict", Text: text}
	an.Annotate(a)
	got := map[string]string{}
	for _, m := range a.Mentions {
		got[m.Text] = m.Type
	}
	for name, typ := range map[string]string{"Mikhail Fradkov": "Person", "Abu Sayyaf Group": "ArmedGroup", "Expediency Council": "Government"} {
		if got[name] != typ {
			t.Errorf("%q: got type %q, want %q (mentions: %v)", name, got[name], typ, got)
		}
	}
	for _, name := range []string{"Gates", "Aid"} {
		if typ, ok := got[name]; ok {
			t.Errorf("%q was annotated as %s: a dictionary's bare surname or common word is no name", name, typ)
		}
	}
	for _, m := range a.Mentions {
		if strings.Contains(m.Text, "envoys") {
			t.Errorf("%q: a description was taken for an actor", m.Text)
		}
	}
}

func TestDistinctive(t *testing.T) {
	for _, tt := range []struct {
		name, typ string
		want      bool
	}{
		{"Robert Gates", "Person", true},
		{"Gates", "Person", false},
		{"Abd-Rabbu", "Person", false},
		{"NSC", "Government", true},
		{"Ofda", "Government", true},
		{"Ali", "Organisation", false},
		{"Hamas", "ArmedGroup", true},
	} {
		if got := distinctive(tt.name, tt.typ); got != tt.want {
			t.Errorf("distinctive(%q, %s) = %v, want %v", tt.name, tt.typ, got, tt.want)
		}
	}
}

package graph

import (
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
)

// TestLookupByArticleDate shows one name standing for two people by the article's date:
// the dictionaries give "George Bush" to both presidents, with the years each held office.
func TestLookupByArticleDate(t *testing.T) {
	g := BuiltinGazetteer()
	for _, tt := range []struct{ name, date, want string }{
		{"George Bush", "1991-03-01", "george-bush"},
		{"George Bush", "2003-03-20", "george-w-bush"},
		{"President Bush", "1991-03-01", ""}, // a title is the resolver's to take off
	} {
		got := ""
		if a, ok := g.LookupOn(tt.name, "Person", tt.date); ok {
			got = a.ID
		}
		if got != tt.want {
			t.Errorf("LookupOn(%q, Person, %s) = %q, want %q", tt.name, tt.date, got, tt.want)
		}
	}
	// The same through the builder: a mention in an article of each year.
	for date, want := range map[string]string{"1991-03-01": "person:george bush", "2003-03-20": "person:george w bush"} {
		text := "President George Bush spoke."
		end := strings.Index(text, " spoke")
		a := &ingest.Article{ID: "bush-" + date, Published: date, Text: text,
			Mentions: []ingest.Mention{{ID: "T1", Type: "Person", Spans: []ingest.Span{{Start: 0, End: end}}, Text: text[:end]}}}
		ag, err := NewBuilder(g).Build(a)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, n := range ag.Nodes {
			keys = append(keys, n.Key)
		}
		if !strings.Contains(strings.Join(keys, "|"), want) {
			t.Errorf("%s: nodes %v, want %s", date, keys, want)
		}
	}
}

// TestHolderFromDictionaries follows a bare title to its holder on the article's date
// where only the dictionaries know the office's holders.
func TestHolderFromDictionaries(t *testing.T) {
	g := BuiltinGazetteer()
	us, _ := g.ByID("united-states")
	for _, tt := range []struct{ title, date, want string }{
		{"Secretary of Defense", "2005-06-01", "donald-rumsfeld"},
		{"defense secretary", "2008-06-01", "robert-m-gates"},
		{"President", "2005-06-01", "george-w-bush"},
		{"President", "2016-06-01", "barack-obama"}, // hand-curated
		{"Secretary of Defense", "2016-06-01", "ashton-carter"},
	} {
		got := ""
		if a, _, ok := g.Holder(tt.title, us, tt.date); ok {
			got = a.ID
		}
		if got != tt.want {
			t.Errorf("Holder(%q, US, %s) = %q, want %q", tt.title, tt.date, got, tt.want)
		}
	}
	// An open-ended role of the dictionaries is not taken past their as-of date.
	for _, a := range g.Actors {
		if a.Source != "" && a.checkedUntil(g) != "2014-01-30" {
			t.Fatalf("%s: dictionary entry checked until %q, want the dictionaries' 2014-01-30", a.ID, a.checkedUntil(g))
		}
	}
}

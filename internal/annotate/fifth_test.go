package annotate

import (
	"slices"
	"testing"

	"github.com/dipgraph/dipgraph/graph"
)

// TestFifthRoundRules covers issue 13's fifth round, on sentences written for the tests:
// rules for mentions and arguments that occur in any news, not in one article's wording.
func TestFifthRoundRules(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		want     []string // relations, each must be found
		not      []string // relations, none may be found
		mentions []string // "Type:text", each must be found
	}{
		{
			name:     "the place visited is a place, a capital or a country",
			text:     "Modi visited Beijing and met Xi. Erdogan visited Greece on Thursday. Beijing criticised Washington.",
			want:     []string{"Visited(Modi, Beijing)", "Visited(Erdogan, Greece)", "Criticised(Beijing, Washington)"},
			mentions: []string{"Location:Beijing", "Location:Greece", "State:Beijing"},
		},
		{
			name:     "the government with none named before is a mention; talks between it and a group",
			text:     "Talks between the government and the rebels opened in Doha on Monday.",
			want:     []string{"ParticipatedIn(government, Talks)", "ParticipatedIn(rebels, Talks)"},
			mentions: []string{"Government:government"},
		},
		{
			name: "a held event takes its holders as parties; a held person states nothing",
			text: "The leaders of China, Japan and South Korea held their first summit in Seoul. Russia has held the journalist Evan Gershkovich since March.",
			want: []string{"ParticipatedIn(China, summit)", "ParticipatedIn(Japan, summit)", "ParticipatedIn(South Korea, summit)"},
			not:  []string{"ParticipatedIn(Russia, journalist Evan Gershkovich)"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := annotateText(t, tc.text)
			rs, ms := relationList(a), mentionList(a)
			for _, r := range tc.want {
				if !slices.Contains(rs, r) {
					t.Errorf("relation %s not found; got %v", r, rs)
				}
			}
			for _, r := range tc.not {
				if slices.Contains(rs, r) {
					t.Errorf("unexpected relation %s; got %v", r, rs)
				}
			}
			for _, m := range tc.mentions {
				if !slices.Contains(ms, m) {
					t.Errorf("mention %s not found; got %v", m, ms)
				}
			}
		})
	}
}

// TestGovernmentFarBack: "the government" long after "the Afghan government" (further than
// the nearest-mention window) is the same actor, tied by Equiv, so its relations count
// for it.
func TestGovernmentFarBack(t *testing.T) {
	a := annotateText(t, "The Afghan government opened talks with the Taliban in Doha in September. "+
		"The movement, founded in the 1990s by students of religious schools in the refugee camps, has "+
		"tens of thousands of fighters, most of them in the southern and eastern provinces of the "+
		"country, where they fight other armed groups for the control of roads, of trade and of the "+
		"border crossings, and it has taken many district capitals over the last two years. "+
		"Negotiators of the Taliban and the government met again in Doha.")
	if rs := relationList(a); !slices.Contains(rs, "MetWith(Taliban, government)") {
		t.Errorf("MetWith(Taliban, government) not found; got %v", rs)
	}
	ag, err := graph.NewBuilder(nil).Build(a)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, node := range ag.Nodes {
		if node.Label == "Government" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d government nodes, want 1:\n%s", n, a.Annotations)
	}
}

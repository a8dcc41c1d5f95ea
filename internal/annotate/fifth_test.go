package annotate

import (
	"slices"
	"testing"
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

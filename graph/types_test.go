package graph

import "testing"

// TestCodingsCoverBuiltTypes checks that every relationship type the builder makes by
// itself (role edges, derived edges, offices) is in the one coding table.
func TestCodingsCoverBuiltTypes(t *testing.T) {
	types := []string{HoldsRoleType}
	for _, typ := range roleTypes {
		types = append(types, typ)
	}
	for _, typ := range pairwise {
		types = append(types, typ)
	}
	types = append(types, "ATTACKS")
	for _, typ := range types {
		if _, ok := CodingOf(typ); !ok {
			t.Errorf("%s has no entry in Codings", typ)
		}
	}
	for typ, c := range Codings {
		if _, err := RelType(typ); err != nil {
			t.Errorf("Codings key %q is not a relationship type: %v", typ, err)
		}
		if c.CAMEO != "" && (c.QuadClass < 1 || c.QuadClass > 4 || c.Goldstein < -10 || c.Goldstein > 10) {
			t.Errorf("%s: QuadClass %d or Goldstein %v out of range", typ, c.QuadClass, c.Goldstein)
		}
		if c.Family == "conflict" && c.Goldstein > 0 || c.Family == "cooperate" && c.Goldstein < 0 {
			t.Errorf("%s: family %s disagrees with Goldstein %v", typ, c.Family, c.Goldstein)
		}
	}
}

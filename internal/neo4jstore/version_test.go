package neo4jstore

import (
	"errors"
	"testing"
)

func TestCheckVersion(t *testing.T) {
	for _, tc := range []struct {
		v   string
		old bool
	}{
		{"5.26.5", false}, {"5.26.0", false}, {"5.27-aura", false}, {"2025.10.1", false},
		{"5.25.1", true}, {"5.13.0", true}, {"4.4.30", true}, {"3.5.35", true},
		{"", false}, {"dev", false},
	} {
		err := checkVersion(tc.v)
		if got := errors.Is(err, ErrTooOld); got != tc.old {
			t.Errorf("checkVersion(%q) = %v, want too old: %v", tc.v, err, tc.old)
		}
	}
}

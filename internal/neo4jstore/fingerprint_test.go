package neo4jstore

import (
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
	"time"
)

// TestCanonPropsEvidenceOrder checks that the order evidence was appended in does not
// change the hash, while any change of a value, a type or a pairing does.
func TestCanonPropsEvidenceOrder(t *testing.T) {
	base := map[string]any{
		"status": "asserted", "mention_count": int64(2), "goldstein": 1.0,
		"ev_article": []any{"a", "b"}, "ev_sentence": []any{int64(0), int64(3)},
		"ev_spans": []any{"0-4;9-12", "5-8;20-30"}, "ev_published": []any{"2016-01-01", ""},
		"ev_text": []any{"first", "second"}, "ev_date": []any{"2016-01-01", ""}, "ev_event": []any{"", "attack:a:x"},
		"first_seen": dbtype.Date(time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)),
	}
	swapped := clone(base)
	for _, k := range evidenceKeys {
		l := swapped[k].([]any)
		swapped[k] = []any{l[1], l[0]}
	}
	if canonProps(base) != canonProps(swapped) {
		t.Fatalf("evidence order changes the canonical form:\n%s\n%s", canonProps(base), canonProps(swapped))
	}
	for name, change := range map[string]func(map[string]any){
		"repaired pairing": func(m map[string]any) { m["ev_text"] = []any{"second", "first"} },
		"int as float":     func(m map[string]any) { m["mention_count"] = 2.0 },
		"date as string":   func(m map[string]any) { m["first_seen"] = "2016-01-01" },
		"float value":      func(m map[string]any) { m["goldstein"] = 1.5 },
		"extra property":   func(m map[string]any) { m["role"] = "Agent" },
		"lost evidence":    func(m map[string]any) { m["ev_article"] = []any{"a"} },
	} {
		m := clone(base)
		change(m)
		if canonProps(m) == canonProps(base) {
			t.Errorf("%s: canonical form unchanged", name)
		}
	}
}

func clone(m map[string]any) map[string]any {
	c := map[string]any{}
	for k, v := range m {
		c[k] = v
	}
	return c
}

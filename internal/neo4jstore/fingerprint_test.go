package neo4jstore

import (
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// TestCanonPropsTypesAndValues checks that the canonical form does not depend on the order
// of a map's keys, while any change of a value, a type or a list's order changes it.
func TestCanonPropsTypesAndValues(t *testing.T) {
	base := map[string]any{
		"status": "asserted", "mention_count": int64(2), "goldstein": 1.0, "aliases": []any{"a", "b"},
		"first_seen": dbtype.Date(time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)),
	}
	again := map[string]any{}
	for _, k := range []string{"first_seen", "aliases", "goldstein", "mention_count", "status"} {
		again[k] = base[k]
	}
	if canonProps(base) != canonProps(again) {
		t.Fatalf("key order changes the canonical form:\n%s\n%s", canonProps(base), canonProps(again))
	}
	for name, change := range map[string]func(map[string]any){
		"list order":     func(m map[string]any) { m["aliases"] = []any{"b", "a"} },
		"int as float":   func(m map[string]any) { m["mention_count"] = 2.0 },
		"date as string": func(m map[string]any) { m["first_seen"] = "2016-01-01" },
		"float value":    func(m map[string]any) { m["goldstein"] = 1.5 },
		"extra property": func(m map[string]any) { m["role"] = "Agent" },
		"lost property":  func(m map[string]any) { delete(m, "status") },
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

package native

import (
	"strings"
	"testing"
)

// TestSchemaProblemsArePositioned: what native.schema.json finds (unknown fields, values
// of the wrong type) is reported at the line of the object at fault, every problem at
// once, so a pretty-printed article points at its lines.
func TestSchemaProblemsArePositioned(t *testing.T) {
	raw := `{"id": "a", "text": "Kerry called Lavrov.",
 "mentions": [
  {"id": "m1", "type": "Person", "quote": "Kerry"},
  {"id": "m2", "type": "Person", "quote": "Lavrov",
   "wikidta": "Q1"},
  {"id": "m3", "type": "Person", "start": "0", "end": 5}],
 "relations": [{"id": "r1", "type": "SpokeWith", "from": "m1", "to": "m2"}]}`
	_, err := Parse([]byte(raw), "f.json", 1, 1<<20)
	want := []string{
		`f.json:4: unknown field "wikidta" in mentions.1`,
		`f.json:6: mentions.2.start: expected an integer, got string`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

package native

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestNativeSchemaMatchesReader keeps native.schema.json and the reader in step: the same
// fields at every level, and the same name patterns.
func TestNativeSchemaMatchesReader(t *testing.T) {
	b, err := os.ReadFile("native.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	type node struct {
		Properties map[string]json.RawMessage `json:"properties"`
		Items      json.RawMessage            `json:"items"`
		Pattern    string                     `json:"pattern"`
	}
	var root struct {
		node
		Defs map[string]node `json:"$defs"`
	}
	if err := json.Unmarshal(b, &root); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	props := func(raw json.RawMessage) []string {
		var n node
		json.Unmarshal(raw, &n)
		if n.Items != nil {
			json.Unmarshal(n.Items, &n)
		}
		var out []string
		for k := range n.Properties {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	tags := func(v any) []string {
		var out []string
		rt := reflect.TypeOf(v)
		for i := 0; i < rt.NumField(); i++ {
			out = append(out, strings.Split(rt.Field(i).Tag.Get("json"), ",")[0])
		}
		sort.Strings(out)
		return out
	}
	top, _ := json.Marshal(map[string]any{"properties": root.Properties})
	cases := []struct {
		name   string
		schema []string
		goType any
	}{
		{"article", props(top), nativeArticle{}},
		{"mentions", props(root.Properties["mentions"]), nativeMention{}},
		{"relations", props(root.Properties["relations"]), nativeRelation{}},
		{"events", props(root.Properties["events"]), nativeEvent{}},
		{"attributes", props(root.Properties["attributes"]), nativeAttribute{}},
		{"norms", props(root.Properties["norms"]), nativeNorm{}},
		{"notes", props(root.Properties["notes"]), nativeNote{}},
	}
	for _, c := range cases {
		if got := tags(c.goType); !reflect.DeepEqual(got, c.schema) {
			t.Errorf("%s: reader fields %v, schema properties %v", c.name, got, c.schema)
		}
	}
	if p := root.Defs["typeName"].Pattern; p != typeNamePat.String() {
		t.Errorf("schema typeName pattern %q, reader %q", p, typeNamePat.String())
	}
	if p := root.Defs["id"].Pattern; p != nativeIDPattern.String() {
		t.Errorf("schema id pattern %q, reader %q", p, nativeIDPattern.String())
	}
}

// typeNamePat is the pattern ingest.TypeNameProblem accepts.
var typeNamePat = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)

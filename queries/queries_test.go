package queries

import (
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dipgraph/dipgraph/graph"
)

func TestParseRejects(t *testing.T) {
	cases := []struct {
		name, file, text, want string
	}{
		{"bad name", "Bad_Name", "// description: x\nRETURN 1", `query name "Bad_Name" must be lower-case`},
		{"missing description", "no-desc", "// param: a string — x\nRETURN $a", "missing `// description: ...` line"},
		{"used not declared", "undeclared", "// description: x\nRETURN $actor", "parameter $actor is used but not declared"},
		{"declared not used", "unused", "// description: x\n// param: actor string — x\nRETURN 1", "parameter actor is declared but not used"},
		{"declared twice", "twice", "// description: x\n// param: a string — x\n// param: a int — y\nRETURN $a", "parameter a is already declared on line 2"},
		{"bad type", "bad-type", "// description: x\n// param: a map — x\nRETURN $a", "expected `// param: NAME TYPE"},
		{"bad default", "bad-default", "// description: x\n// param: n int = many — x\nRETURN $n", "default of n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.file, tc.text, "q/"+tc.file+".cypher")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "q/"+tc.file+".cypher") {
				t.Errorf("error %q does not start with the file", err)
			}
		})
	}
}

func TestParamsInCommentsAndStringsDoNotCount(t *testing.T) {
	q, err := Parse("ok", "// description: x\n// param: a string — x\nRETURN $a, '$notaparam' AS s // $nor_this\n", "ok.cypher")
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Params) != 1 {
		t.Fatalf("params %v", q.Params)
	}
}

func TestDuplicateAcrossFolders(t *testing.T) {
	s := &Set{byName: map[string]*Query{}}
	fs := fstest.MapFS{"a.cypher": {Data: []byte("// description: x\nRETURN 1")}}
	if err := s.AddFS(fs, "one"); err != nil {
		t.Fatal(err)
	}
	err := s.AddFS(fs, "two")
	if err == nil || !strings.Contains(err.Error(), `query "a" is already defined in one/a.cypher`) {
		t.Fatalf("duplicate: %v", err)
	}
}

func TestBindParamsTypes(t *testing.T) {
	q, err := Parse("t", `// description: x
// param: s string — x
// param: n int = 3 — x
// param: f float = 0.5 — x
// param: d date = 2016-02-27 — x
// param: l list = "" — x
// param: b bool = false — x
RETURN $s, $n, $f, $d, $l, $b`, "t.cypher")
	if err != nil {
		t.Fatal(err)
	}
	got, err := q.BindParams([]string{"s=a=b", "n=42", "f=-1.25", "d=2016-04-24", "l=Russia, United States", "b=true"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"s": "a=b", "n": int64(42), "f": -1.25, "d": "2016-04-24", "l": []string{"Russia", "United States"}, "b": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
	def, err := q.BindParams([]string{"s=x"})
	if err != nil || def["n"] != int64(3) || def["d"] != "2016-02-27" || len(def["l"].([]string)) != 0 {
		t.Errorf("defaults: %v %v", def, err)
	}
	for _, bad := range []string{"n=4.5", "f=abc", "d=27/02/2016", "b=maybe"} {
		if _, err := q.BindParams([]string{"s=x", bad}); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestBuiltinExamplesBind(t *testing.T) {
	s, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.All()); n < 12 {
		t.Fatalf("%d built-in queries, want at least 12", n)
	}
	for _, q := range s.All() {
		args, err := q.ExampleParams()
		if err != nil {
			t.Errorf("%s: %v", q.Name, err)
			continue
		}
		bound, err := q.BindParams(args)
		if err != nil {
			t.Errorf("%s: example does not bind: %v", q.Name, err)
			continue
		}
		code, err := q.Inline(bound)
		if err != nil || strings.Contains(stripComments(code), "$") {
			t.Errorf("%s: inlined code still has parameters or failed (%v):\n%s", q.Name, err, code)
		}
	}
}

func TestShellWordsAndLiterals(t *testing.T) {
	w, err := ShellWords(`dipgraph query run x --param a="United States" --param 'b=it''s' --param c=O\'Brien`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"dipgraph", "query", "run", "x", "--param", "a=United States", "--param", "b=its", "--param", "c=O'Brien"}
	if !reflect.DeepEqual(w, want) {
		t.Errorf("got %q", w)
	}
	if _, err := ShellWords(`a "b`); err == nil {
		t.Error("unterminated quote accepted")
	}
	for v, lit := range map[any]string{"O'Brien": `'O\'Brien'`, int64(2): "2", 1.0: "1.0", true: "true"} {
		if got := Literal(v); got != lit {
			t.Errorf("Literal(%v) = %s, want %s", v, got, lit)
		}
	}
	if got := Literal([]string{"a", "b"}); got != "['a', 'b']" {
		t.Errorf("list literal %s", got)
	}
	if got := Literal(nil); got != "null" {
		t.Errorf("Literal(nil) = %s, want null (an as_of left empty)", got)
	}
}

// TestGuideShowsAsOf checks that a query that takes as_of has a second block as of
// GuideAsOf with that date inlined, and that one without has none.
func TestGuideShowsAsOf(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteGuide(&b, set); err != nil {
		t.Fatal(err)
	}
	guide := b.String()
	block := func(name string) (plain, asOf string) {
		for _, part := range strings.Split(guide, "<pre ")[1:] {
			part, _, _ = strings.Cut(part, "</pre>")
			switch {
			case strings.Contains(part, `data-query="`+name+`" data-as-of="`+GuideAsOf+`"`):
				asOf = part
			case strings.Contains(part, `data-query="`+name+`"`):
				plain = part
			}
		}
		return plain, asOf
	}
	plain, asOf := block("spoke-with")
	if !strings.Contains(plain, "null IS NULL") || strings.Contains(plain, GuideAsOf) {
		t.Errorf("spoke-with's first block should leave as_of null:\n%s", plain)
	}
	if !strings.Contains(asOf, "date(&#39;"+GuideAsOf+"&#39;)") {
		t.Errorf("spoke-with's as-of block should hold the date %s:\n%s", GuideAsOf, asOf)
	}
	if _, asOf := block("blocs"); asOf != "" {
		t.Errorf("blocs takes no date but has an as-of block")
	}
}

// familyTypes returns the relationship types of graph.Codings in the given families, plus
// extra, sorted: the lists the queries spell out so that the planner expands only those
// types (a test on r.family would read every relationship first).
func familyTypes(families []string, extra ...string) []string {
	out := append([]string(nil), extra...)
	for typ, c := range graph.Codings {
		if slices.Contains(families, c.Family) {
			out = append(out, typ)
		}
	}
	sort.Strings(out)
	return out
}

func TestTypeListsFollowCodings(t *testing.T) {
	all := []string{"consult", "cooperate", "conflict", "role", "other"}
	cases := []struct {
		query string
		types []string
		// pattern: a relationship pattern [v:A|B|C]; otherwise a list ['A', 'B', 'C'].
		pattern bool
	}{
		{"contradictions", familyTypes([]string{"conflict"}), true},
		{"contradictions", familyTypes(all), true},
		{"contradictions", familyTypes([]string{"consult", "cooperate"}, "PARTICIPATED_IN"), false},
		{"contradictions", familyTypes([]string{"consult", "cooperate", "role", "other"}), true},
		{"most-connected", familyTypes([]string{"consult", "cooperate", "conflict"}), true},
		{"common-enemies", familyTypes([]string{"conflict"}), true},
		{"common-allies", familyTypes([]string{"cooperate"}), true},
		{"brokers", familyTypes([]string{"consult", "cooperate"}), true},
	}
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		q, err := set.Get(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		want := "'" + strings.Join(tc.types, "', '") + "']"
		if tc.pattern {
			want = ":" + strings.Join(tc.types, "|") + "]"
		}
		if !strings.Contains(q.Body, want) {
			t.Errorf("%s does not spell out %s (the types of graph.Codings it stands for)", q.Source, want)
		}
	}
}

func TestBindAsOf(t *testing.T) {
	q, err := Parse("t", `// description: x
// param: actor string — x
// param: as_of date = "" — x
RETURN $actor, $as_of`, "t.cypher")
	if err != nil {
		t.Fatal(err)
	}
	if !q.TakesAsOf() {
		t.Fatal("TakesAsOf is false for a query that declares as_of")
	}
	none, err := q.Bind([]string{"actor=Russia"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := none[AsOfParam]; !ok || v != nil {
		t.Errorf("without --as-of: as_of = %#v (present %v), want nil", v, ok)
	}
	got, err := q.Bind([]string{"actor=Russia"}, "2016-02-20")
	if err != nil || got[AsOfParam] != "2016-02-20" || got["actor"] != "Russia" {
		t.Errorf("--as-of 2016-02-20: %v %v", got, err)
	}
	for asOf, want := range map[string]string{
		"20/02/2016": `--as-of: "20/02/2016" is not a date (YYYY-MM-DD)`,
		"2016-02-30": `--as-of: "2016-02-30" is not a date (YYYY-MM-DD)`,
	} {
		if _, err := q.Bind([]string{"actor=Russia"}, asOf); err == nil || err.Error() != want {
			t.Errorf("--as-of %s: %v, want %q", asOf, err, want)
		}
	}
	if _, err := q.Bind([]string{"actor=Russia", "as_of=2016-01-01"}, "2016-02-20"); err == nil || !strings.Contains(err.Error(), "keep one") {
		t.Errorf("--as-of with --param as_of: %v", err)
	}
	noDate, err := Parse("n", "// description: x\nRETURN 1", "n.cypher")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := noDate.Bind(nil, "2016-02-20"); err == nil || !strings.Contains(err.Error(), "query n takes no date") {
		t.Errorf("--as-of on a query without as_of: %v", err)
	}
}

// TestRelationshipQueriesTakeAsOf keeps --as-of on every saved query that reads
// relationships: all but those that read the latest `dipgraph analyze`.
func TestRelationshipQueriesTakeAsOf(t *testing.T) {
	set, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	analysis := []string{"blocs", "brokers", "unbalanced-triads"}
	for _, q := range set.All() {
		if got, want := q.TakesAsOf(), !slices.Contains(analysis, q.Name); got != want {
			t.Errorf("%s: takes as_of = %v, want %v", q.Name, got, want)
		}
	}
}

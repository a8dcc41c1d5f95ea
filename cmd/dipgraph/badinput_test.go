package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
)

// The bad-input catalogue, end to end: each bad article sits in a folder beside a good
// one. ingest exits 1, prints the exact positioned message, loads the good article, and
// writes nothing of the bad one: the database ends as it does when only the good article
// is ingested.

const goodText = "Sergei Lavrov spoke with John Kerry on Saturday.\n"
const goodAnn = "T1\tPerson 0 13\tSergei Lavrov\nT2\tPerson 25 35\tJohn Kerry\nR1\tSpokeWith Arg1:T1 Arg2:T2\t\n"
const kerryText = "John Kerry called Sergei Lavrov."

func TestBadInputsLoadNothingOfTheArticle(t *testing.T) {
	st := neo4jtest.Open(t)
	goodDir := t.TempDir()
	writeAll(t, goodDir, map[string]string{"good.txt": goodText, "good.ann": goodAnn})
	if code, out, errOut := dipgraph(t, "ingest", goodDir); code != 0 {
		t.Fatalf("good article alone: exit %d\n%s%s", code, out, errOut)
	}
	want := graphCounts(t, st)

	cases := []struct {
		name  string
		files map[string]string
		msgs  []string // relative to the folder; the test prefixes the folder
	}{
		{"empty brat pair", map[string]string{"a.txt": "", "a.ann": ""}, []string{"a.txt: the article text is empty"}},
		{"annotations without text", map[string]string{"a.ann": "T1\tPerson 0 4\tJohn\n"}, []string{"a.ann: annotations without their text: a.txt is missing"}},
		{"offset past the end", map[string]string{"a.txt": kerryText, "a.ann": "T1\tPerson 0 10\tJohn Kerry\nT2\tPerson 18 40\tSergei Lavrov.\n"},
			[]string{"a.ann:2: T2: span 18-40 is outside the text (32 characters)"}},
		{"negative offset", map[string]string{"a.txt": kerryText, "a.ann": "T1\tPerson -1 10\tJohn Kerry\n"},
			[]string{`a.ann:1: text-bound annotation T1: negative offset in "-1 10"`}},
		{"reversed offsets", map[string]string{"a.txt": kerryText, "a.ann": "T1\tPerson 10 0\tJohn Kerry\n"},
			[]string{"a.ann:1: text-bound annotation T1: end 0 before start 10"}},
		{"span text does not match", map[string]string{"a.txt": kerryText, "a.ann": "T1\tPerson 0 10\tJohn Kery\n"},
			[]string{`a.ann:1: T1: span text "John Kery" does not match the text at 0 10: "John Kerry"`}},
		{"unknown id", map[string]string{"a.txt": kerryText, "a.ann": "T1\tPerson 0 10\tJohn Kerry\nR1\tSpokeWith Arg1:T1 Arg2:T9\n"},
			[]string{"a.ann:2: relation R1 refers to unknown T9"}},
		{"duplicate id", map[string]string{"a.txt": kerryText, "a.ann": "T1\tPerson 0 10\tJohn Kerry\nT1\tPerson 18 31\tSergei Lavrov\n"},
			[]string{"a.ann:2: duplicate id T1 (first on line 1)"}},
		{"self-referencing event", map[string]string{"a.txt": kerryText, "a.ann": "T1\tPerson 0 10\tJohn Kerry\nT2\tCall 11 17\tcalled\nE1\tCall:T2 Agent:T1 Theme:E1\n"},
			[]string{"a.ann:3: event E1 has itself as argument Theme"}},
		{"invalid UTF-8", map[string]string{"a.txt": "John Kerry\ncalled \xff Lavrov.", "a.ann": ""},
			[]string{"a.txt:2: text is not valid UTF-8 (byte 18)"}},
		{"non-JSON native line", map[string]string{"a.jsonl": "id=b text=ok\n"},
			[]string{"a.jsonl:1: not JSON: expected native articles, one JSON object a line"}},
		{"wrongly typed native JSON", map[string]string{"a.jsonl": `{"id":"b","text":"x","mentions":{}}` + "\n"},
			[]string{"a.jsonl:1: mentions: expected an array, got object"}},
		{"non-JSON Label Studio export", map[string]string{"a.json": "[\n  {\"data\": oops}\n]\n"},
			[]string{"a.json:2: not valid JSON: invalid character 'o' looking for beginning of value (expected a Label Studio task object)"}},
		{"date that does not parse", map[string]string{"a.txt": kerryText, "a.ann": "", "a.meta.json": "{\n  \"id\": \"a\",\n  \"published\": \"19/03/2016\"\n}\n"},
			[]string{`a.meta.json:3: published: date "19/03/2016" is not an ISO date (YYYY-MM-DD)`}},
		{"id that clashes with the good article's", map[string]string{"z.jsonl": `{"id":"good","text":"x"}` + "\n"},
			[]string{`z.jsonl:1: article id "good" is already used by`}},
		{"type name that tries to write Cypher", map[string]string{"a.jsonl": `{"id":"a","text":"John Kerry called.","mentions":[` +
			"{\"id\":\"m1\",\"type\":\"Person`) DETACH DELETE n //\",\"start\":0,\"end\":10}]}\n"},
			[]string{"a.jsonl:1: mention m1: type \"Person`) DETACH DELETE n //\" is not a valid type name"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			neo4jtest.Clear(t, st)
			dir := t.TempDir()
			writeAll(t, dir, map[string]string{"good.txt": goodText, "good.ann": goodAnn})
			writeAll(t, dir, tc.files)
			code, out, errOut := dipgraph(t, "ingest", dir)
			if code != app.ExitFailure {
				t.Fatalf("exit %d, want 1\nstdout: %s\nstderr: %s", code, out, errOut)
			}
			for _, m := range tc.msgs {
				line := dir + string(filepath.Separator) + m
				if !strings.Contains(errOut, line) {
					t.Errorf("stderr lacks %q:\n%s", line, errOut)
				}
			}
			if s := parseSummary(t, out); s.new != 1 {
				t.Errorf("the good article was not loaded: %s", out)
			}
			if got := graphCounts(t, st); got != want {
				t.Errorf("database differs from the good article alone:\nwant %s\ngot  %s", want, got)
			}
		})
	}
}

func writeAll(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

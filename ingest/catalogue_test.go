package ingest_test

import (
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
)

const kerry = "John Kerry called Sergei Lavrov."

// TestBadInputs is the catalogue of bad inputs: each gives exactly these messages.
func TestBadInputs(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		paths []string // default: "."
		opt   ingest.Options
		want  []string
	}{
		{
			name:  "empty brat pair",
			files: map[string]string{"a.txt": "", "a.ann": ""},
			want:  []string{"a.txt: the article text is empty"},
		},
		{
			name:  "empty native file",
			files: map[string]string{"a.jsonl": ""},
			want:  []string{"a.jsonl: empty file: expected native articles, one JSON object a line"},
		},
		{
			name:  "empty label studio file",
			files: map[string]string{"a.json": "  \n"},
			want:  []string{"a.json: empty file: expected a Label Studio JSON export or a native article"},
		},
		{
			name:  "ann without txt",
			files: map[string]string{"a.ann": "T1\tPerson 0 4\tJohn\n"},
			want:  []string{"a.ann: annotations without their text: a.txt is missing"},
		},
		{
			name:  "txt without ann, named",
			files: map[string]string{"a.txt": kerry},
			paths: []string{"a.txt"},
			want:  []string{"a.txt: text without annotations: a.ann is missing"},
		},
		{
			name:  "txt without ann in a folder is a warning, not a problem",
			files: map[string]string{"notes.txt": kerry, "a.txt": kerry, "a.ann": "T1\tPerson 0 10\tJohn Kerry\n"},
			want:  nil,
		},
		{
			name:  "offset past the end",
			files: map[string]string{"a.txt": kerry, "a.ann": "T1\tPerson 0 10\tJohn Kerry\nT2\tPerson 18 40\tSergei Lavrov.\n"},
			want:  []string{"a.ann:2: T2: span 18-40 is outside the text (32 characters)"},
		},
		{
			name:  "negative offset",
			files: map[string]string{"a.txt": kerry, "a.ann": "T1\tPerson -1 10\tJohn Kerry\n"},
			want:  []string{`a.ann:1: text-bound annotation T1: negative offset in "-1 10"`},
		},
		{
			name:  "reversed offsets",
			files: map[string]string{"a.txt": kerry, "a.ann": "T1\tPerson 10 0\tJohn Kerry\n"},
			want:  []string{"a.ann:1: text-bound annotation T1: end 0 before start 10"},
		},
		{
			name: "native offsets negative, reversed, past the end, empty",
			files: map[string]string{"a.jsonl": `{"id":"a","text":"John Kerry called Sergei Lavrov.","mentions":[` +
				`{"id":"m1","type":"Person","start":-1,"end":4},{"id":"m2","type":"Person","start":10,"end":5},` +
				`{"id":"m3","type":"Person","start":18,"end":99},{"id":"m4","type":"Person","start":3,"end":3}]}` + "\n"},
			want: []string{
				"a.jsonl:1: m1: negative offset in span -1-4",
				"a.jsonl:1: m2: span 10-5 ends before it starts",
				"a.jsonl:1: m3: span 18-99 is outside the text (32 characters)",
				"a.jsonl:1: m4: span 3-3 is empty",
			},
		},
		{
			name:  "span text does not match",
			files: map[string]string{"a.txt": kerry, "a.ann": "T1\tPerson 0 10\tJohn Kery\n"},
			want:  []string{`a.ann:1: T1: span text "John Kery" does not match the text at 0 10: "John Kerry"`},
		},
		{
			name:  "byte offsets instead of character offsets",
			files: map[string]string{"a.txt": "Genève talks: Lavrov spoke.", "a.ann": "T1\tPerson 15 21\tLavrov\n"},
			want:  []string{`a.ann:1: T1: span text "Lavrov" does not match the text at 15 21: "avrov " (the offsets count bytes; they must count characters)`},
		},
		{
			name: "unknown and duplicate ids",
			files: map[string]string{"a.txt": kerry, "a.ann": "T1\tPerson 0 10\tJohn Kerry\nT1\tPerson 18 31\tSergei Lavrov\n" +
				"R1\tSpokeWith Arg1:T1 Arg2:T9\nA1\tNegation R7\n"},
			want: []string{
				"a.ann:2: duplicate id T1 (first on line 1)",
				"a.ann:3: relation R1 refers to unknown T9",
				"a.ann:4: attribute A1 refers to unknown R7",
			},
		},
		{
			name: "relation to a missing entity, to itself, with one argument",
			files: map[string]string{"a.txt": kerry, "a.ann": "T1\tPerson 0 10\tJohn Kerry\n" +
				"R1\tSpokeWith Arg1:T1 Arg2:T2\nR2\tSpokeWith Arg1:T1 Arg2:T1\nR3\tSpokeWith Arg1:T1\n"},
			want: []string{
				"a.ann:2: relation R1 refers to unknown T2",
				"a.ann:3: relation R2 links T1 to itself",
				`a.ann:4: relation R3: expected TYPE Arg1:ID Arg2:ID, got "SpokeWith Arg1:T1"`,
			},
		},
		{
			name: "self-referencing and cyclic events",
			files: map[string]string{"a.txt": kerry, "a.ann": "T1\tPerson 0 10\tJohn Kerry\nT2\tCall 11 17\tcalled\n" +
				"E1\tCall:T2 Agent:T1 Theme:E1\nE2\tCall:T2 Theme:E3\nE3\tCall:T2 Theme:E2\nE4\tCall:T1 Agent:E9\n"},
			want: []string{
				"a.ann:3: event E1 has itself as argument Theme",
				"a.ann:4: event E2 is its own argument through other events (a cycle)",
				"a.ann:5: event E3 is its own argument through other events (a cycle)",
				"a.ann:6: event E4 refers to unknown E9",
			},
		},
		{
			name:  "invalid UTF-8 in the text",
			files: map[string]string{"a.txt": "John Kerry\ncalled \xff Lavrov.", "a.ann": ""},
			want:  []string{"a.txt:2: text is not valid UTF-8 (byte 18)"},
		},
		{
			name:  "invalid UTF-8 in the annotations (found by FuzzBratAnn)",
			files: map[string]string{"a.txt": kerry, "a.ann": "T1\tPerson 0 10\tJohn Kerry\nE1\tCall:\xff Agent:T1\n"},
			want:  []string{"a.ann:2: line is not valid UTF-8"},
		},
		{
			name:  "invalid UTF-8 in a native line",
			files: map[string]string{"a.jsonl": `{"id":"a","text":"ok"}` + "\n" + "{\"id\":\"b\",\"text\":\"bad \xc3(\"}\n"},
			want:  []string{"a.jsonl:2: not valid UTF-8 (byte 22 of the article)"},
		},
		{
			name:  "byte-order mark with brat offsets (counting the mark)",
			files: map[string]string{"a.txt": "\ufeff" + kerry, "a.ann": "T1\tPerson 1 11\tJohn Kerry\nT2\tPerson 19 32\tSergei Lavrov\n"},
			want:  nil,
		},
		{
			name:  "byte-order mark with offsets of the clean text",
			files: map[string]string{"a.txt": "\ufeff" + kerry, "a.ann": "\ufeffT1\tPerson 0 10\tJohn Kerry\nT2\tPerson 18 31\tSergei Lavrov\n"},
			want:  nil,
		},
		{
			name:  "CRLF text and annotations",
			files: map[string]string{"a.txt": "Kerry called.\r\nLavrov – Moscow’s man – answered.\r\n", "a.ann": "T1\tPerson 0 5\tKerry\r\nT2\tPerson 15 21\tLavrov\r\nT3\tState 24 30\tMoscow\r\n"},
			want:  nil,
		},
		{
			name:  "CRLF offsets that ignore the CR are caught",
			files: map[string]string{"a.txt": "Kerry called.\r\nLavrov answered.", "a.ann": "T1\tPerson 14 20\tLavrov\n"},
			want:  []string{`a.ann:1: T1: span text "Lavrov" does not match the text at 14 20: "\nLavro"`},
		},
		{
			name:  "non-JSON native line",
			files: map[string]string{"a.jsonl": `{"id":"a","text":"ok"}` + "\n" + "id=b text=ok\n" + `{"id":"c","text":"fine"` + "\n"},
			want: []string{
				`a.jsonl:2: not JSON: expected an article object {"id": …, "text": …}`,
				"a.jsonl:3: not valid JSON: unexpected end of JSON input",
			},
		},
		{
			name:  "a broken first line of JSON Lines does not hide the others",
			files: map[string]string{"a.jsonl": `{"id":"a","text":` + "\n" + `{"id":"b","text":"fine"}` + "\n"},
			want:  []string{"a.jsonl:1: not valid JSON: unexpected end of JSON input"},
		},
		{
			name: "wrongly typed native JSON",
			files: map[string]string{"a.jsonl": `{"id":"a","text":"John Kerry","mentions":[{"id":"m1","type":"Person","start":"0","end":10}]}` + "\n" +
				`{"id":"b","text":"x","mentions":{}}` + "\n" + `["id","c"]` + "\n" + `{"id":"d","txt":"x"}` + "\n"},
			want: []string{
				"a.jsonl:1: mentions.0.start: expected an integer, got string",
				"a.jsonl:2: mentions: expected an array, got object",
				`a.jsonl:3: expected an article object {"id": …, "text": …}, got an array`,
				`a.jsonl:4: unknown field "txt"`,
			},
		},
		{
			name:  "native quote not found",
			files: map[string]string{"a.jsonl": `{"id":"a","text":"Kerry met Lavrov; Kerry left.","mentions":[{"id":"m1","type":"Person","quote":"Kerry","occurrence":3},{"id":"m2","type":"Person","quote":"Obama"}]}` + "\n"},
			want: []string{
				`a.jsonl:1: mention m1: quote "Kerry" occurs 2 times, not 3`,
				`a.jsonl:1: mention m2: quote "Obama" does not occur in the text`,
			},
		},
		{
			name:  "non-JSON label studio export",
			files: map[string]string{"a.json": "[\n  {\"data\": {\"text\": \"x\"}},\n  {\"data\": oops}\n]\n"},
			want:  []string{"a.json:3: not valid JSON: invalid character 'o' looking for beginning of value (expected a Label Studio task object)"},
		},
		{
			name: "wrongly typed label studio JSON",
			files: map[string]string{"a.json": `[
  {"id": 1, "data": {"text": 42}},
  {"id": 2, "data": {"text": "John Kerry"}, "annotations": [{"result": [
    {"id": "k1", "type": "labels", "value": {"start": "0", "end": 10, "labels": ["Person"]}},
    {"id": "k2", "type": "labels", "value": {"start": 0, "end": 10, "labels": []}},
    {"type": "relation", "from_id": "k1", "to_id": "k9", "labels": ["SpokeWith"]}
  ]}]},
  {"id": 3, "annotations": []}
]
`},
			want: []string{
				"a.json:2: task 1: data.text must be a string",
				"a.json:4: task 2: region k1: value.start: expected a number, got string",
				"a.json:5: task 2: region k2 has no label",
				"a.json:6: relation R1 refers to unknown k1",
				"a.json:6: relation R1 refers to unknown k9",
				"a.json:8: task 3: no data object (the article text is read from data.text)",
			},
		},
		{
			name: "dates that do not parse",
			files: map[string]string{
				"a.txt": kerry, "a.ann": "", "a.meta.json": "{\n  \"id\": \"a\",\n  \"published\": \"19/03/2016\"\n}\n",
				"b.jsonl": `{"id":"b","text":"x","published":"March 19th"}` + "\n",
				"c.json":  `[{"data": {"text": "x", "published": "2016-13-45"}}]`,
			},
			want: []string{
				`a.meta.json:3: published: date "19/03/2016" is not an ISO date (YYYY-MM-DD)`,
				`b.jsonl:1: published: date "March 19th" is not an ISO date (YYYY-MM-DD)`,
				`c.json:1: task 1: published: date "2016-13-45" is not an ISO date (YYYY-MM-DD)`,
			},
		},
		{
			name: "metadata id that clashes with another file's",
			files: map[string]string{
				"a.txt": kerry, "a.ann": "", "a.meta.json": `{"id": "kerry-call"}`,
				"b.jsonl": `{"id":"kerry-call","text":"x"}` + "\n",
			},
			want: []string{`b.jsonl:1: article id "kerry-call" is already used by a.meta.json`},
		},
		{
			name: "type names that try to write Cypher",
			files: map[string]string{"a.jsonl": `{"id":"a","text":"John Kerry called Sergei Lavrov.","mentions":[` +
				"{\"id\":\"m1\",\"type\":\"Person`) DETACH DELETE n //\",\"start\":0,\"end\":10}," +
				"{\"id\":\"m2\",\"type\":\"Per`son\",\"start\":18,\"end\":31}," +
				`{"id":"m3","type":"Person'","quote":"called"},` +
				`{"id":"m4","type":"Person\"})","quote":"John"},` +
				`{"id":"m5","type":"Person\nMATCH (n)","quote":"Kerry"}],` +
				`"relations":[{"id":"r1","type":"SPOKE_WITH]->() DELETE r //","from":"m1","to":"m2"}],` +
				"\"events\":[{\"id\":\"e1\",\"type\":\"Call\",\"trigger\":\"m3\",\"args\":[{\"role\":\"Agent`\",\"ref\":\"m1\"}]}]}\n"},
			want: []string{
				"a.jsonl:1: mention m1: type \"Person`) DETACH DELETE n //\" is not a valid type name: use ASCII letters, digits, - or _, starting with a letter",
				"a.jsonl:1: mention m2: type \"Per`son\" is not a valid type name: use ASCII letters, digits, - or _, starting with a letter",
				`a.jsonl:1: mention m3: type "Person'" is not a valid type name: use ASCII letters, digits, - or _, starting with a letter`,
				`a.jsonl:1: mention m4: type "Person\"})" is not a valid type name: use ASCII letters, digits, - or _, starting with a letter`,
				`a.jsonl:1: mention m5: type "Person\nMATCH (n)" is not a valid type name: use ASCII letters, digits, - or _, starting with a letter`,
				`a.jsonl:1: relation r1: type "SPOKE_WITH]->() DELETE r //" is not a valid type name: use ASCII letters, digits, - or _, starting with a letter`,
				"a.jsonl:1: event e1: role \"Agent`\" is not a valid type name: use ASCII letters, digits, - or _, starting with a letter",
			},
		},
		{
			name: "brat type names that try to write Cypher",
			files: map[string]string{"a.txt": kerry, "a.ann": "T1\tPerson`)-x 0 10\tJohn Kerry\nT2\tPerson 18 31\tSergei Lavrov\n" +
				"R1\tSpoke`With Arg1:T1 Arg2:T2\nA1\tNeg'ation R1\n"},
			want: []string{
				"a.ann:1: mention T1: type \"Person`)-x\" is not a valid type name: use ASCII letters, digits, - or _, starting with a letter",
				"a.ann:3: relation R1: type \"Spoke`With\" is not a valid type name: use ASCII letters, digits, - or _, starting with a letter",
				`a.ann:4: attribute A1: name "Neg'ation" is not a valid type name: use ASCII letters, digits, - or _, starting with a letter`,
			},
		},
		{
			name: "metadata keys that try to become properties",
			files: map[string]string{
				"a.txt": kerry, "a.ann": "", "a.meta.json": "{\"id\": \"a\", \"desk`) SET n.x=1 //\": \"world\"}",
			},
			want: []string{"a.meta.json: metadata key \"desk`) SET n.x=1 //\" is not a valid name: use ASCII letters, digits and _"},
		},
		{
			name:  "malformed brat lines",
			files: map[string]string{"a.txt": kerry, "a.ann": "T1 Person 0 10 John Kerry\nT2\tPerson 0 x\tJohn\nX1\tFoo T1\nE1\tCall\nN1\tReference T1 Q22316\n"},
			want: []string{
				`a.ann:1: expected an ID and a TAB at the start of "T1 Person 0 10 John Kerry"`,
				`a.ann:2: text-bound annotation T2: offsets must be whole numbers, got "0 x"`,
				`a.ann:3: unknown annotation kind "X1" (expected T, R, E, A, M, N, * or #)`,
				`a.ann:4: event E1: expected TYPE:TRIGGER, got "Call"`,
				`a.ann:5: normalisation N1: expected DB:ENTRY, got "Q22316"`,
			},
		},
		{
			name:  "stdin that is not JSON",
			files: map[string]string{},
			paths: []string{"-"},
			opt:   ingest.Options{Stdin: strings.NewReader("T1\tPerson 0 5\tKerry\n")},
			want:  []string{"stdin:1: not JSON: stdin takes native JSON or a Label Studio export (brat needs a .txt and .ann pair)"},
		},
		{
			name:  "unknown file kind named",
			files: map[string]string{"a.csv": "x"},
			paths: []string{"a.csv", "missing.ann"},
			want: []string{
				"a.csv: unknown file kind: expected brat .txt/.ann, native .jsonl or Label Studio .json",
				"missing.ann: no such file or folder",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			ingesttest.WriteFiles(t, dir, tc.files)
			paths := tc.paths
			if paths == nil {
				paths = []string{"."}
			}
			got, _ := ingesttest.Problems(t, dir, paths, tc.opt)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

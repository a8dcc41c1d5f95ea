package ingest_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
	"github.com/dipgraph/dipgraph/ingest/labelstudio"
	"github.com/dipgraph/dipgraph/ingest/native"
	"github.com/dipgraph/dipgraph/ingest/readers"
)

func TestStdinAndFormatOverride(t *testing.T) {
	task := `{"data": {"text": "Kerry phoned Lavrov.", "id": "ls-one"}, "annotations": [{"result": [{"id": "x", "type": "labels", "value": {"start": 0, "end": 5, "text": "Kerry", "labels": ["Person"]}}]}]}`
	nat := `{"id": "n-one", "text": "Kerry phoned Lavrov.", "mentions": [{"id": "m1", "type": "Person", "quote": "Kerry"}]}`
	tests := []struct {
		name, stdin string
		format      string
		wantFormat  string
		wantIDs     []string
	}{
		{"label studio task", task, "", labelstudio.Format, []string{"ls-one"}},
		{"label studio array", "[" + task + "]", "", labelstudio.Format, []string{"ls-one"}},
		{"native article", nat, "", native.Format, []string{"n-one"}},
		{"native lines", nat + "\n" + strings.Replace(nat, "n-one", "n-two", 1) + "\n", "", native.Format, []string{"n-one", "n-two"}},
		{"forced native", nat, native.Format, native.Format, []string{"n-one"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srcs, err := ingesttest.Discover([]string{"-"}, ingest.Options{Stdin: strings.NewReader(tc.stdin), Format: tc.format})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, s := range srcs {
				if s.Format != tc.wantFormat {
					t.Errorf("format %s, want %s", s.Format, tc.wantFormat)
				}
				a, err := ingest.ReadValid(s)
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, a.ID)
			}
			if !reflect.DeepEqual(ids, tc.wantIDs) {
				t.Errorf("ids %v, want %v", ids, tc.wantIDs)
			}
		})
	}
	// A forced format that does not fit the content gives a clear message.
	srcs, _ := ingesttest.Discover([]string{"-"}, ingest.Options{Stdin: strings.NewReader(nat), Format: labelstudio.Format})
	_, err := ingest.ReadValid(srcs[0])
	if want := "stdin:1: task n-one: no data object (the article text is read from data.text)"; err == nil || err.Error() != want {
		t.Errorf("forced wrong format: %v, want %s", err, want)
	}
	if _, err := ingesttest.Discover([]string{"."}, ingest.Options{Format: "yaml"}); err == nil || err.Error() != `unknown format "yaml" (expected brat, labelstudio or native)` {
		t.Errorf("unknown format: %v", err)
	}
}

func TestDiscoverRecursiveAndOrdered(t *testing.T) {
	dir := t.TempDir()
	ingesttest.WriteFiles(t, dir, map[string]string{
		"b/z.txt": "Kerry.", "b/z.ann": "",
		"a/deep/y.txt": "Lavrov.", "a/deep/y.ann": "",
		"a/x.jsonl":     `{"id":"x1","text":"one"}` + "\n" + `{"id":"x2","text":"two"}` + "\n",
		".hidden/h.txt": "no", ".hidden/h.ann": "",
		"a/export.json": `[{"data":{"text":"three","id":"l1"}}]`,
	})
	_, arts := ingesttest.Problems(t, dir, []string{"."}, ingest.Options{Readers: readers.All()})
	var got []string
	for _, a := range arts {
		got = append(got, a.Format+":"+a.ID)
	}
	want := []string{"brat:y", "labelstudio:l1", "native:x1", "native:x2", "brat:z"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("articles %v, want %v", got, want)
	}
}

// TestSizeLimits: a 50 MB article and a 10 MB line are read; over the limits, the error is
// a clear positioned message.
func TestSizeLimits(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("Kerry phoned Lavrov – again. ", 50<<20/31)
	line := strings.Repeat("é", 5<<20) // 10 MB of two-byte characters on one .ann line
	ingesttest.WriteFiles(t, dir, map[string]string{
		"big/a.txt":   big,
		"big/a.ann":   "T1\tPerson 0 5\tKerry\nT2\tPerson " + fmt.Sprint(len([]rune(big))-7) + " " + fmt.Sprint(len([]rune(big))-2) + "\tagain\n",
		"line/b.txt":  "Kerry.",
		"line/b.ann":  "#1\tAnnotatorNotes T1\t" + line + "\nT1\tPerson 0 5\tKerry\n",
		"nat/c.jsonl": `{"id":"c","text":"` + big + `","mentions":[{"id":"m1","type":"Person","quote":"again","occurrence":1000000}]}` + "\n",
	})
	got, arts := ingesttest.Problems(t, dir, []string{"big", "line", "nat"}, ingest.Options{Readers: readers.All()})
	if len(got) > 0 || len(arts) != 3 {
		t.Fatalf("big inputs: %d articles, problems %v", len(arts), got)
	}
	if m := arts[2].Mentions[0]; m.Spans[0].Start != 1000000*29-7 {
		t.Errorf("millionth 'again' at %d", m.Spans[0].Start)
	}
	// Over the limits (lowered, so the test stays small).
	small := t.TempDir()
	ingesttest.WriteFiles(t, small, map[string]string{
		"a.txt": strings.Repeat("x", 2<<20), "a.ann": "",
		"b.txt": "Kerry.", "b.ann": "T1\tPerson 0 5\tKerry\n#1\tAnnotatorNotes T1\t" + strings.Repeat("y", 2<<20) + "\n",
		"c.jsonl": `{"id":"c1","text":"ok"}` + "\n" + `{"id":"c2","text":"` + strings.Repeat("z", 2<<20) + `"}` + "\n",
		"d.json":  `[{"data":{"text":"ok"}}, {"data":{"text":"` + strings.Repeat("w", 2<<20) + `"}}, {"data":{"text":"fine"}}]`,
	})
	got, arts = ingesttest.Problems(t, small, []string{"."}, ingest.Options{Limit: 1 << 20})
	// Discovery finds the oversized task; the others fail when read.
	want := []string{
		"d.json:1: task larger than 1 MiB",
		"a.txt: text larger than 1 MiB; split the article",
		"b.ann:2: line longer than 1 MiB",
		"c.jsonl:2: line longer than 1 MiB: one article a line, at most that size",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if want := []string{"c1", "d-1"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("articles within the limits %v, want %v", ids, want)
	}
}

func TestBOMOffsets(t *testing.T) {
	dir := t.TempDir()
	// brat counts the mark: "Kerry" is 1-6 in the file, 0-5 in the article text.
	ingesttest.WriteFiles(t, dir, map[string]string{"a.txt": "\ufeffKerry phoned Lavrov.", "a.ann": "T1\tPerson 1 6\tKerry\nT2\tPerson 14 20\tLavrov\n"})
	_, arts := ingesttest.Problems(t, dir, []string{"."}, ingest.Options{Readers: readers.All()})
	if len(arts) != 1 {
		t.Fatal("not read")
	}
	a := arts[0]
	if strings.HasPrefix(a.Text, "\ufeff") || a.Mentions[0].Spans[0] != (ingest.Span{Start: 0, End: 5}) || a.Mentions[1].Spans[0] != (ingest.Span{Start: 13, End: 19}) {
		t.Errorf("text starts %q, spans %v %v", a.Text[:3], a.Mentions[0].Spans, a.Mentions[1].Spans)
	}
}

func TestReadMissingFile(t *testing.T) {
	_, err := brat.Reader{}.Read(ingest.Source{Path: "gone.ann", Files: []string{filepath.Join(t.TempDir(), "gone.txt"), "gone.ann"}})
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %v, want one wrapping os.ErrNotExist", err)
	}
}

// TestForcedFormatTakesJSONFilesOutOfFolders: a forced JSON format reads every JSON file
// of a folder (.json, .jsonl, .ndjson) and nothing else, whatever detection would choose.
func TestForcedFormatTakesJSONFilesOutOfFolders(t *testing.T) {
	dir := t.TempDir()
	task := `{"data": {"text": "Kerry phoned Lavrov.", "id": "%s"}, "annotations": [{"result": []}]}`
	ingesttest.WriteFiles(t, dir, map[string]string{
		"a.jsonl":     "[" + fmt.Sprintf(task, "a") + "]",
		"b.json":      fmt.Sprintf(task, "b"),
		"c.txt":       "Kerry phoned Lavrov.",
		"c.ann":       "",
		"d.meta.json": `{"id": "d"}`,
	})
	srcs, err := ingesttest.Discover([]string{dir}, ingest.Options{Format: labelstudio.Format})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range srcs {
		a, err := ingest.Read(s)
		if err != nil {
			t.Fatalf("%s: %v", s.Name(), err)
		}
		ids = append(ids, a.Format+":"+a.ID)
	}
	if strings.Join(ids, " ") != "labelstudio:a labelstudio:b" {
		t.Errorf("read %v, want the two Label Studio files", ids)
	}
}

package ingest_test

import (
	"strings"
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/brat"
	"github.com/dipgraph/dipgraph/ingest/labelstudio"
	"github.com/dipgraph/dipgraph/ingest/native"
)

const (
	reneNFC = "Ren\u00e9 M\u00fcller"
	reneNFD = "Rene\u0301 Mu\u0308ller"
)

func TestJSONNumbersKeepTheirDigits(t *testing.T) {
	a, err := native.Parse([]byte(`{"id":"a","text":"x","meta":{"views":12345678901234567890,"n":9007199254740993}}`), "a.jsonl", 1, ingest.MaxTextBytes)
	if err != nil {
		t.Fatal(err)
	}
	if a.Meta["views"] != "12345678901234567890" || a.Meta["n"] != "9007199254740993" {
		t.Errorf("native meta: %v", a.Meta)
	}
	a, err = labelstudio.ParseTask([]byte(`{"data":{"id":9007199254740993,"text":"x","views":12345678901234567890},"annotations":[{"result":[]}]}`), "a.json", 1, 0, ingest.MaxTextBytes)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "9007199254740993" || a.Meta["views"] != "12345678901234567890" {
		t.Errorf("Label Studio: id %q, meta %v", a.ID, a.Meta)
	}
	var m ingest.Article
	if err := brat.ParseMeta([]byte("\ufeff{\"id\": \"a\", \"views\": 12345678901234567890}"), "a.meta.json", &m); err != nil {
		t.Fatal(err)
	}
	if m.ID != "a" || m.Meta["views"] != "12345678901234567890" {
		t.Errorf("meta.json: id %q, meta %v", m.ID, m.Meta)
	}
}

func TestNormalizeNamesLeavesTheText(t *testing.T) {
	a := &ingest.Article{Text: reneNFD, Mentions: []ingest.Mention{{ID: "T1", Type: "Person", Spans: []ingest.Span{{Start: 0, End: 13}}, Text: reneNFD}}}
	ingest.NormalizeNames(a)
	if a.Mentions[0].Text != reneNFC {
		t.Errorf("mention text %q, want NFC %q", a.Mentions[0].Text, reneNFC)
	}
	if a.Text != reneNFD {
		t.Error("the article text changed; offsets count it as stored")
	}
}

func TestControlCharacterPositions(t *testing.T) {
	pe := ingest.CheckControl("a.txt", "John Kerry\ncalled\x00 Lavrov\x07.")
	msg, line := pe.Msg, pe.Line
	if line != 2 || !strings.Contains(msg, "U+0000 (NUL) at column 7, and 1 more") {
		t.Errorf("line %d, %q", line, msg)
	}
	if pe := ingest.CheckControl("a.txt", "tab\tCR\r\nLF\n"); pe != nil {
		t.Errorf("tab, CR and LF are text: %q", pe.Msg)
	}
}

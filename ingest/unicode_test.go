package ingest

import (
	"strings"
	"testing"
)

const (
	reneNFC = "Ren\u00e9 M\u00fcller"
	reneNFD = "Rene\u0301 Mu\u0308ller"
)

func TestFindOccurrenceNFCKeepsStoredOffsets(t *testing.T) {
	cases := []struct {
		text, quote string
		occ         int
		start, end  int
	}{
		// Quote in NFD, text in NFC: offsets count the text's 11 code points.
		{"Talks: " + reneNFC + " and " + reneNFC + ".", reneNFD, 2, 23, 34},
		// Quote in NFC, text in NFD: offsets count the text's 13 code points.
		{"Talks: " + reneNFD + " spoke.", reneNFC, 1, 7, 20},
		{"Talks: " + reneNFD + " spoke.", "spoke", 1, -1, -1}, // found directly, not here
	}
	for _, c := range cases {
		start, end, _ := findOccurrenceNFC(c.text, c.quote, c.occ)
		if c.start < 0 {
			continue
		}
		if start != c.start || end != c.end {
			t.Errorf("%q in %q: %d-%d, want %d-%d", c.quote, c.text, start, end, c.start, c.end)
		}
		got, _ := NewTextIndex(c.text).Slice(start, end)
		if !sameText(got, c.quote) {
			t.Errorf("%q in %q: offsets cover %q", c.quote, c.text, got)
		}
	}
	// A quote that ends inside a character of the text (half of a decomposed letter) is
	// not an occurrence.
	if s, _, _ := findOccurrenceNFC("Rene\u0301", "Rene", 1); s >= 0 {
		t.Errorf("found %q inside a combined character at %d", "Rene", s)
	}
}

func TestJSONNumbersKeepTheirDigits(t *testing.T) {
	a, err := ParseNative([]byte(`{"id":"a","text":"x","meta":{"views":12345678901234567890,"n":9007199254740993}}`), "a.jsonl", 1, MaxTextBytes)
	if err != nil {
		t.Fatal(err)
	}
	if a.Meta["views"] != "12345678901234567890" || a.Meta["n"] != "9007199254740993" {
		t.Errorf("native meta: %v", a.Meta)
	}
	a, err = ParseLabelStudioTask([]byte(`{"data":{"id":9007199254740993,"text":"x","views":12345678901234567890},"annotations":[{"result":[]}]}`), "a.json", 1, 0, MaxTextBytes)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "9007199254740993" || a.Meta["views"] != "12345678901234567890" {
		t.Errorf("Label Studio: id %q, meta %v", a.ID, a.Meta)
	}
	var m Article
	if err := ParseMeta([]byte("\ufeff{\"id\": \"a\", \"views\": 12345678901234567890}"), "a.meta.json", &m); err != nil {
		t.Fatal(err)
	}
	if m.ID != "a" || m.Meta["views"] != "12345678901234567890" {
		t.Errorf("meta.json: id %q, meta %v", m.ID, m.Meta)
	}
}

func TestNormalizeNamesLeavesTheText(t *testing.T) {
	a := &Article{Text: reneNFD, Mentions: []Mention{{ID: "T1", Type: "Person", Spans: []Span{{0, 13}}, Text: reneNFD}}}
	NormalizeNames(a)
	if a.Mentions[0].Text != reneNFC {
		t.Errorf("mention text %q, want NFC %q", a.Mentions[0].Text, reneNFC)
	}
	if a.Text != reneNFD {
		t.Error("the article text changed; offsets count it as stored")
	}
}

func TestControlCharacterPositions(t *testing.T) {
	msg, line := controlProblem("John Kerry\ncalled\x00 Lavrov\x07.", true)
	if line != 2 || !strings.Contains(msg, "U+0000 (NUL) at column 7, and 1 more") {
		t.Errorf("line %d, %q", line, msg)
	}
	if msg, _ := controlProblem("tab\tCR\r\nLF\n", true); msg != "" {
		t.Errorf("tab, CR and LF are text: %q", msg)
	}
}

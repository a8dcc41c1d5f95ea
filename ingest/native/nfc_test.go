package native

import (
	"testing"

	"github.com/dipgraph/dipgraph/ingest"
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
		got, _ := ingest.NewTextIndex(c.text).Slice(start, end)
		if !ingest.SameText(got, c.quote) {
			t.Errorf("%q in %q: offsets cover %q", c.quote, c.text, got)
		}
	}
	// A quote that ends inside a character of the text (half of a decomposed letter) is
	// not an occurrence.
	if s, _, _ := findOccurrenceNFC("Rene\u0301", "Rene", 1); s >= 0 {
		t.Errorf("found %q inside a combined character at %d", "Rene", s)
	}
}

const (
	reneNFC = "Ren\u00e9 M\u00fcller"
	reneNFD = "Rene\u0301 Mu\u0308ller"
)

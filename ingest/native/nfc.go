package native

import (
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// nfcText is a text in NFC with the way back to offsets in the text as stored: built one
// normalisation segment at a time, since at the boundary between segments both texts
// agree, an occurrence that starts and ends on boundaries maps back exactly.
type nfcText struct {
	s             string
	atNFC, atOrig []int // boundaries: code point offset in the NFC text, in the stored text
}

func newNFCText(text string) *nfcText {
	var b strings.Builder
	t := &nfcText{}
	cpNFC, cpOrig := 0, 0
	for i := 0; i < len(text); {
		n := norm.NFC.NextBoundaryInString(text[i:], true)
		if n <= 0 {
			n = len(text) - i
		}
		seg := text[i : i+n]
		ns := norm.NFC.String(seg)
		t.atNFC, t.atOrig = append(t.atNFC, cpNFC), append(t.atOrig, cpOrig)
		b.WriteString(ns)
		cpNFC += utf8.RuneCountInString(ns)
		cpOrig += utf8.RuneCountInString(seg)
		i += n
	}
	t.atNFC, t.atOrig = append(t.atNFC, cpNFC), append(t.atOrig, cpOrig)
	t.s = b.String()
	return t
}

// stored returns the offset in the stored text of NFC offset cp, or -1 when cp falls
// inside a segment (half of a decomposed character).
func (t *nfcText) stored(cp int) int {
	k := sort.SearchInts(t.atNFC, cp)
	if k < len(t.atNFC) && t.atNFC[k] == cp {
		return t.atOrig[k]
	}
	return -1
}

// find is findOccurrence for a quote that is only found once text and quote are both in
// NFC. It returns code point offsets in the text as stored (start and end), or -1 and how
// many NFC occurrences there are.
func (t *nfcText) find(q string, occ int) (int, int, int) {
	nq := norm.NFC.String(q)
	start, found := findOccurrence(t.s, nq, occ)
	if start < 0 {
		return -1, -1, found
	}
	s, e := t.stored(start), t.stored(start+utf8.RuneCountInString(nq))
	if s < 0 || e < 0 {
		return -1, -1, 0
	}
	return s, e, found
}

// findOccurrenceNFC is nfcText.find on a text indexed for one lookup.
func findOccurrenceNFC(text, q string, occ int) (int, int, int) {
	return newNFCText(text).find(q, occ)
}

package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Unicode lets one text be written in several ways: "é" is one code point in NFC (the
// composed form most editors write) and two in NFD ("e" and a combining accent, as macOS
// file names and some converters write). Offsets always count the code points of the text
// as the file holds it; comparisons (a span text against the text it covers, a quote
// looked up in the text) and the keys the graph makes from names use NFC, so that one name
// written both ways is one name.

// NFC returns s in Unicode normalisation form C.
func NFC(s string) string { return norm.NFC.String(s) }

// NormalizeNames puts the texts of a's mentions and normalisations in NFC, so that the
// names the graph makes of them are one name however they were written. The article
// text, and so every offset, stays as it was read. ReadValid calls it on every valid
// article.
func NormalizeNames(a *Article) {
	for i := range a.Mentions {
		a.Mentions[i].Text = norm.NFC.String(a.Mentions[i].Text)
	}
	for i := range a.Norms {
		a.Norms[i].Text = norm.NFC.String(a.Norms[i].Text)
	}
}

// SameText reports whether a and b are the same text once both are in NFC.
func SameText(a, b string) bool { return a == b || norm.NFC.String(a) == norm.NFC.String(b) }

// formHints explains a span text that does not match the text it covers when the reason
// is Unicode: the offsets were counted on the text in another normalisation form, or the
// two differ only in look-alike compatibility characters (a no-break space for a space).
// The text in each form is indexed once, on the first mismatch, so that an article full
// of bad spans costs no more than one full of good ones.
type formHints struct {
	text    string
	indexes map[norm.Form]*TextIndex // nil: the text is already in that form
}

var hintForms = []struct {
	form norm.Form
	name string
}{{norm.NFC, "NFC (composed accents)"}, {norm.NFD, "NFD (decomposed accents)"}}

// hint returns the explanation, or "" when neither reason explains the mismatch.
func (h *formHints) hint(spans []Span, want, got string) string {
	if h.indexes == nil {
		h.indexes = map[norm.Form]*TextIndex{}
		for _, f := range hintForms {
			if t := f.form.String(h.text); t != h.text {
				h.indexes[f.form] = NewTextIndex(t)
			}
		}
	}
	for _, f := range hintForms {
		idx := h.indexes[f.form]
		if idx == nil {
			continue
		}
		if cov, ok := idx.Covered(spans); ok && FlattenSpace(cov) == FlattenSpace(f.form.String(want)) {
			return fmt.Sprintf(" (the offsets count the characters of the text in Unicode form %s, but the text is stored in another form; "+
				"count the characters of the text as stored, or normalise the text to %s)", f.name, strings.Fields(f.name)[0])
		}
	}
	if norm.NFKC.String(want) == norm.NFKC.String(got) {
		if w, g, ok := firstDifference(norm.NFC.String(want), norm.NFC.String(got)); ok {
			return fmt.Sprintf(" (they differ only in look-alike characters: %s in the span text, %s in the text)", codePoint(w), codePoint(g))
		}
	}
	return ""
}

// firstDifference returns the first code points where a and b differ.
func firstDifference(a, b string) (rune, rune, bool) {
	ra, rb := []rune(a), []rune(b)
	for i := 0; i < len(ra) && i < len(rb); i++ {
		if ra[i] != rb[i] {
			return ra[i], rb[i], true
		}
	}
	return 0, 0, false
}

func codePoint(r rune) string {
	if name, ok := c0Names[r]; ok {
		return fmt.Sprintf("U+%04X (%s)", r, name)
	}
	if r == 0xA0 {
		return "U+00A0 (no-break space)"
	}
	return fmt.Sprintf("U+%04X %q", r, r)
}

// c0Names are the names of the C0 control characters that no article text may hold
// (tab, line feed and carriage return are text).
var c0Names = map[rune]string{
	0x00: "NUL", 0x01: "SOH", 0x02: "STX", 0x03: "ETX", 0x04: "EOT", 0x05: "ENQ", 0x06: "ACK", 0x07: "BEL",
	0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0E: "SO", 0x0F: "SI", 0x10: "DLE", 0x11: "DC1", 0x12: "DC2",
	0x13: "DC3", 0x14: "DC4", 0x15: "NAK", 0x16: "SYN", 0x17: "ETB", 0x18: "CAN", 0x19: "EM", 0x1A: "SUB",
	0x1B: "ESC", 0x1C: "FS", 0x1D: "GS", 0x1E: "RS", 0x1F: "US",
}

// isControl reports whether c is a C0 control character other than tab, LF and CR.
func isControl(c byte) bool { return c < 0x20 && c != '\t' && c != '\n' && c != '\r' }

// controlChars finds the C0 control characters in s: the byte offset of the first, and
// how many there are.
func controlChars(s string) (first, count int) {
	first = -1
	for i := 0; i < len(s); i++ {
		if isControl(s[i]) {
			if first < 0 {
				first = i
			}
			count++
		}
	}
	return first, count
}

// textPosition returns the line and column (both from 1, the column in code points) of
// byte offset off in s.
func textPosition(s string, off int) (line, col int) {
	before := s[:off]
	line = 1 + strings.Count(before, "\n")
	if i := strings.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, 1 + utf8.RuneCountInString(before)
}

// CheckControl refuses a text that holds C0 control characters other than tab, line feed
// and carriage return, as every reader of article text does, giving the first one's
// position (path is the file the text comes from, "" for none).
func CheckControl(path, text string) *ParseError {
	msg, line := controlProblem(text, true)
	if msg == "" {
		return nil
	}
	return &ParseError{Path: path, Line: line, Msg: msg}
}

// controlProblem describes the control characters of an article text, or returns "".
// inFile says the text is the whole file (brat, raw text): the line is then the file's
// and is returned; otherwise the text sits inside a JSON string and the position is given
// within the text.
func controlProblem(text string, inFile bool) (msg string, line int) {
	off, n := controlChars(text)
	if off < 0 {
		return "", 0
	}
	l, col := textPosition(text, off)
	more := ""
	if n > 1 {
		more = fmt.Sprintf(", and %d more", n-1)
	}
	what := codePoint(rune(text[off]))
	if inFile {
		msg = fmt.Sprintf("text holds control character %s at column %d%s: remove it (only tab, line feed and carriage return may appear in a text)", what, col, more)
		return msg, l
	}
	msg = fmt.Sprintf("text holds control character %s at line %d, column %d of the text%s: remove it (only tab, line feed and carriage return may appear in a text)", what, l, col, more)
	return msg, 0
}

// CheckText checks a text file's bytes as every reader of article text does: valid UTF-8,
// reported with its line and byte (offset counts bytes of the file, for a text whose
// byte-order mark was dropped first). It returns nil when the text is fine.
func CheckText(path string, b []byte, offset int) *ParseError {
	if utf8.Valid(b) {
		return nil
	}
	i := FirstInvalid(b)
	return &ParseError{Path: path, Line: LineAt(b, i), Msg: fmt.Sprintf("text is not valid UTF-8 (byte %d)", i+offset)}
}

// HasBOM reports whether b starts with a UTF-8 byte-order mark.
func HasBOM(b []byte) bool { return bytes.HasPrefix(b, []byte("\ufeff")) }

// DropBOM returns b without a leading UTF-8 byte-order mark.
func DropBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\ufeff")) }

package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "col": true,
	"lt": true, "sgt": true, "capt": true, "maj": true, "sen": true, "rep": true, "gov": true,
	"pres": true, "st": true, "jr": true, "sr": true, "no": true, "vs": true, "etc": true,
	"e.g": true, "i.e": true, "u.s": true, "u.n": true, "u.k": true, "e.u": true, "jan": true,
	"feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "approx": true, "inc": true, "ltd": true,
	"co": true, "corp": true, "dept": true, "min": true, "amb": true, "adm": true, "cmdr": true,
	"rev": true,
}

// Abbreviation reports whether word (lower case, without its full stop) is an
// abbreviation whose full stop does not end a sentence: "gen" of "Gen. Petraeus". The
// sentence splitter and the annotator share the list.
func Abbreviation(word string) bool { return abbreviations[word] }

// Sentences splits text into sentences and returns their spans in code points. A sentence
// ends at . ! or ? (with any closing quotes or brackets) followed by white space and a
// capital, digit or opening quote, unless the word before the stop is a known abbreviation
// or a single capital; a blank line always ends one.
func Sentences(text string) []Span {
	return RuneSpans(text, SentenceBytes(text))
}

// SentenceBytes is Sentences with the spans in bytes of text. It works on the text as it
// is (no copy of it as code points), in time linear in its length.
func SentenceBytes(text string) []Span {
	// Sized once from the stops and line ends (at most one sentence every 32 bytes), so
	// that a long text does not grow the slice through copies of itself.
	stops := strings.Count(text, ".") + strings.Count(text, "!") + strings.Count(text, "?") + strings.Count(text, "\n") + 1
	out := make([]Span, 0, min(stops, len(text)/32+1))
	n := len(text)
	skipSpace := func(i int) int {
		for i < n {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		return i
	}
	start := skipSpace(0)
	for i := start; i < n; {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' && i+1 < n && isBlankLineAhead(text, i+1) {
			if end := trimEnd(text, start, i); end > start {
				out = append(out, Span{start, end})
			}
			start = skipSpace(i + 1)
			i = start
			continue
		}
		if r != '.' && r != '!' && r != '?' {
			i += size
			continue
		}
		j := i + 1
		for j < n {
			q, qs := utf8.DecodeRuneInString(text[j:])
			if !strings.ContainsRune(`"'”’)]»`, q) {
				break
			}
			j += qs
		}
		if j < n {
			if q, _ := utf8.DecodeRuneInString(text[j:]); !unicode.IsSpace(q) {
				i++
				continue
			}
		}
		k := skipSpace(j)
		if k < n {
			next, _ := utf8.DecodeRuneInString(text[k:])
			if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"“‘'(«`, next)) {
				i++
				continue
			}
		}
		if r == '.' && isAbbreviation(text, start, i) {
			i++
			continue
		}
		out = append(out, Span{start, j})
		start = k
		i = k
	}
	if end := trimEnd(text, start, n); end > start {
		out = append(out, Span{start, end})
	}
	return out
}

// RuneSpans turns byte spans of text, in order and not overlapping, into code point spans,
// counting as []rune(text) does (an invalid byte is one code point).
func RuneSpans(text string, spans []Span) []Span {
	if len(spans) == 0 {
		return nil
	}
	out := make([]Span, len(spans))
	pos, runes := 0, 0
	at := func(b int) int {
		runes += utf8.RuneCountInString(text[pos:b])
		pos = b
		return runes
	}
	for i, s := range spans {
		out[i] = Span{at(s.Start), at(s.End)}
	}
	return out
}

func isBlankLineAhead(text string, i int) bool {
	for ; i < len(text); i++ {
		switch text[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		case 0xc2: // U+00A0, no-break space
			if i+1 < len(text) && text[i+1] == 0xa0 {
				i++
				continue
			}
			return false
		default:
			return false
		}
	}
	return true
}

func trimEnd(text string, start, end int) int {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return end
}

// maxAbbreviation bounds the word isAbbreviation looks at: no abbreviation is longer, and
// a bound keeps a text of dots without spaces from taking quadratic time.
const maxAbbreviation = 64

// isAbbreviation reports whether the word ending at the full stop at byte i is an abbreviation.
func isAbbreviation(text string, start, i int) bool {
	w := i
	for k := 0; w > start; k++ {
		r, size := utf8.DecodeLastRuneInString(text[start:w])
		if unicode.IsSpace(r) || r == '(' {
			break
		}
		if k == maxAbbreviation {
			return false
		}
		w -= size
	}
	return abbreviationWord(text[w:i])
}

// abbreviationWord reports whether the word before a full stop is an abbreviation: a
// known one ("Mr", "approx"), a single letter ("J. Kerry") or dotted initials ("U.S").
func abbreviationWord(w string) bool {
	word := strings.ToLower(strings.Trim(w, `"'“‘(`))
	if word == "" {
		return false
	}
	if abbreviations[word] {
		return true
	}
	rw := []rune(word)
	if len(rw) == 1 && unicode.IsLetter(rw[0]) {
		return true
	}
	return strings.Count(word, ".") >= 1 && len(rw) <= 5
}

// SentenceAt returns the index of the sentence containing offset, or -1.
func SentenceAt(sents []Span, offset int) int {
	lo, hi := 0, len(sents)-1
	for lo <= hi {
		mid := (lo + hi) / 2
		s := sents[mid]
		switch {
		case offset < s.Start:
			hi = mid - 1
		case offset >= s.End:
			lo = mid + 1
		default:
			return mid
		}
	}
	// Between sentences: attribute to the previous one.
	if hi >= 0 {
		return hi
	}
	return -1
}

package ingest

import (
	"strings"
	"unicode"
)

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "col": true,
	"lt": true, "sgt": true, "capt": true, "maj": true, "sen": true, "rep": true, "gov": true,
	"pres": true, "st": true, "jr": true, "sr": true, "no": true, "vs": true, "etc": true,
	"e.g": true, "i.e": true, "u.s": true, "u.n": true, "u.k": true, "e.u": true, "jan": true,
	"feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "approx": true, "inc": true, "ltd": true,
	"co": true, "corp": true, "dept": true, "min": true, "amb": true,
}

// Sentences splits text into sentences and returns their spans in code points. A sentence
// ends at . ! or ? (with any closing quotes or brackets) followed by white space and a
// capital, digit or opening quote, unless the word before the stop is a known abbreviation
// or a single capital; a blank line always ends one.
func Sentences(text string) []Span {
	rs := []rune(text)
	var out []Span
	start := 0
	skipSpace := func(i int) int {
		for i < len(rs) && unicode.IsSpace(rs[i]) {
			i++
		}
		return i
	}
	start = skipSpace(0)
	for i := start; i < len(rs); i++ {
		r := rs[i]
		if r == '\n' && i+1 < len(rs) && isBlankLineAhead(rs, i+1) {
			end := trimEnd(rs, start, i)
			if end > start {
				out = append(out, Span{start, end})
			}
			start = skipSpace(i + 1)
			i = start - 1
			continue
		}
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune(`"'”’)]»`, rs[j]) {
			j++
		}
		if j < len(rs) && !unicode.IsSpace(rs[j]) {
			continue
		}
		k := skipSpace(j)
		if k < len(rs) {
			next := rs[k]
			if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"“‘'(«`, next)) {
				continue
			}
		}
		if r == '.' && isAbbreviation(rs, start, i) {
			continue
		}
		out = append(out, Span{start, j})
		start = k
		i = k - 1
	}
	if end := trimEnd(rs, start, len(rs)); end > start {
		out = append(out, Span{start, end})
	}
	return out
}

func isBlankLineAhead(rs []rune, i int) bool {
	for ; i < len(rs); i++ {
		switch rs[i] {
		case '\n':
			return true
		case ' ', '\t', '\r', '\u00a0':
		default:
			return false
		}
	}
	return true
}

func trimEnd(rs []rune, start, end int) int {
	for end > start && unicode.IsSpace(rs[end-1]) {
		end--
	}
	return end
}

// isAbbreviation reports whether the word ending at the full stop at i is an abbreviation.
func isAbbreviation(rs []rune, start, i int) bool {
	w := i
	for w > start && !unicode.IsSpace(rs[w-1]) && rs[w-1] != '(' {
		w--
	}
	word := strings.ToLower(strings.Trim(string(rs[w:i]), `"'“‘(`))
	if word == "" {
		return false
	}
	if abbreviations[word] {
		return true
	}
	// A single letter ("J. Kerry") or dotted initials ("U.S") are abbreviations.
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

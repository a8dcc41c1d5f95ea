package ingest

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// TestSentencesAgreeWithTheRuneVersion compares Sentences, which works on bytes, with the
// version it replaced, which worked on a copy of the text as code points, on the example
// texts and on random texts made of the characters that matter.
func TestSentencesAgreeWithTheRuneVersion(t *testing.T) {
	var texts []string
	files, _ := filepath.Glob("../examples/*/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"Mr", "mr", "U.S", "J", " ", "  ", "\n", "\n\n", "\n \u00a0\n", ".", "!", "?", "\"", "”", ")", "(", "«", "“",
		"Kerry", "talks", "2016", "é", "\u00a0", "\t", "\xff", "\xc2", "a", "Ω", "\u2003"}
	for i := 0; i < 3000; i++ {
		var b strings.Builder
		for j := rng.IntN(40); j > 0; j-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		if got, want := Sentences(text), referenceSentences(text); !reflect.DeepEqual(got, want) {
			t.Fatalf("Sentences(%q) = %v, the rune version gives %v", text, got, want)
		}
	}
}

// TestSentencesOfDotsTakeLinearTime: a long run of dotted letters without a space made the
// abbreviation check look back over the whole word at every dot.
func TestSentencesOfDotsTakeLinearTime(t *testing.T) {
	text := strings.Repeat("a.", 1<<20)
	if got := Sentences(text); len(got) != 1 {
		t.Fatalf("%d sentences, want 1", len(got))
	}
}

// referenceSentences is Sentences as it was written first, on code points.
func referenceSentences(text string) []Span {
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
		if r == '\n' && i+1 < len(rs) && refBlankLineAhead(rs, i+1) {
			end := refTrimEnd(rs, start, i)
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
		if r == '.' && refAbbreviation(rs, start, i) {
			continue
		}
		out = append(out, Span{start, j})
		start = k
		i = k - 1
	}
	if end := refTrimEnd(rs, start, len(rs)); end > start {
		out = append(out, Span{start, end})
	}
	return out
}

func refBlankLineAhead(rs []rune, i int) bool {
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

func refTrimEnd(rs []rune, start, end int) int {
	for end > start && unicode.IsSpace(rs[end-1]) {
		end--
	}
	return end
}

// isAbbreviation reports whether the word ending at the full stop at i is an abbreviation.
func refAbbreviation(rs []rune, start, i int) bool {
	w := i
	for w > start && !unicode.IsSpace(rs[w-1]) && rs[w-1] != '(' {
		w--
	}
	return abbreviationWord(string(rs[w:i]))
}

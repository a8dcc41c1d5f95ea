package annotate

import (
	"unicode"
	"unicode/utf8"
)

// token flags.
const (
	fWord    uint8 = 1 << iota // letters or digits
	fCap                       // starts with an upper-case letter
	fUpper                     // every letter upper case (an acronym such as IS or U.S.)
	fDigit                     // digits only
	fHyphen                    // joined to the previous token by a hyphen (US-led)
	fPara                      // a blank line comes before the token
	fNewline                   // a line break comes before the token
)

// token is one word or punctuation mark. Offsets are kept in bytes (to slice the text)
// and in code points (for brat).
type token struct {
	bs, be int32 // bytes
	rs, re int32 // code points
	word   int32 // vocabulary id of the folded word, -1 when no dictionary uses it
	flags  uint8
	punct  rune // the mark, for punctuation tokens
}

func (t *token) is(f uint8) bool { return t.flags&f != 0 }

// tokenizer splits text into tokens, folding words (lower case, accents removed) into buf
// to look them up in vocab without allocating.
type tokenizer struct {
	vocab map[string]int32
	buf   []byte
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// decode returns the rune at byte i and its width, fast for ASCII.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokens appends the tokens of s to out. Words split at hyphens and at changes between
// letters and digits ("27February", "G20"); a possessive 's is a token of its own; an
// apostrophe inside a word ("Da'esh") and the dots of initials ("U.S.") stay in the word
// but not in its folded form.
func (tz *tokenizer) tokens(s string, out []token) []token {
	rpos := int32(0)
	newlines := 0
	hyphen := false
	for i := 0; i < len(s); {
		r, w := decode(s, i)
		if !isWordRune(r) {
			switch {
			case r == '\n':
				newlines++
				hyphen = false
			case unicode.IsSpace(r):
				hyphen = false
			case (r == '-' || r == '‐') && len(out) > 0 && out[len(out)-1].is(fWord) && out[len(out)-1].be == int32(i) &&
				i+w < len(s) && isWordRuneAt(s, i+w):
				hyphen = true
			case isApostrophe(r) && len(out) > 0 && out[len(out)-1].is(fWord) && out[len(out)-1].be == int32(i) &&
				i+w < len(s) && (s[i+w] == 's' || s[i+w] == 'S') && (i+w+1 >= len(s) || !isWordRuneAt(s, i+w+1)):
				// Possessive 's.
				t := token{bs: int32(i), be: int32(i + w + 1), rs: rpos, re: rpos + 2, flags: fWord}
				t.word = tz.lookup("'s")
				out = append(out, t)
				rpos += 2
				i += w + 1
				continue
			default:
				t := token{bs: int32(i), be: int32(i + w), rs: rpos, re: rpos + 1, word: -1, punct: r}
				t.flags |= lineFlags(newlines)
				newlines = 0
				out = append(out, t)
			}
			rpos++
			i += w
			continue
		}
		// A word.
		t := token{bs: int32(i), rs: rpos, flags: fWord | lineFlags(newlines)}
		if hyphen {
			t.flags |= fHyphen
		}
		newlines, hyphen = 0, false
		tz.buf = tz.buf[:0]
		digits := isDigit(r)
		first := true
		letters, uppers := 0, 0
		seg := 0 // letters since the last dot, for initials
		for i < len(s) {
			r, w = decode(s, i)
			if isWordRune(r) {
				if !first && isDigit(r) != digits {
					break
				}
				if unicode.IsLetter(r) {
					letters++
					seg++
					if unicode.IsUpper(r) {
						uppers++
						if first {
							t.flags |= fCap
						}
					}
				}
				tz.buf = appendFold(tz.buf, r)
				first = false
				i += w
				rpos++
				continue
			}
			// Inner apostrophe followed by letters other than a final s: part of the word.
			if isApostrophe(r) && i+w < len(s) && isWordRuneAt(s, i+w) &&
				!((s[i+w] == 's' || s[i+w] == 'S') && (i+w+1 >= len(s) || !isWordRuneAt(s, i+w+1))) {
				i += w
				rpos++
				continue
			}
			// Initials: U.S. or U.N. keep their dots.
			if r == '.' && seg == 1 && !digits && i+1 < len(s) && (isWordRuneAt(s, i+1) && i+2 < len(s) && s[i+2] == '.' || letters > 1 && uppers == letters) {
				i++
				rpos++
				seg = 0
				continue
			}
			break
		}
		if digits {
			t.flags |= fDigit
		} else if letters > 0 && uppers == letters && (letters > 1 || i < len(s) && s[i-1] == '.') {
			t.flags |= fUpper
		}
		t.be, t.re = int32(i), rpos
		t.word = tz.lookup(string(tz.buf))
		out = append(out, t)
	}
	return out
}

func (tz *tokenizer) lookup(w string) int32 {
	if id, ok := tz.vocab[w]; ok {
		return id
	}
	return -1
}

func isWordRuneAt(s string, i int) bool {
	r, _ := decode(s, i)
	return isWordRune(r)
}

func lineFlags(n int) uint8 {
	switch {
	case n >= 2:
		return fPara | fNewline
	case n == 1:
		return fNewline
	}
	return 0
}

// appendFold appends r lower-cased with common accents removed.
func appendFold(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	}
	r = unicode.ToLower(foldAccent(r))
	return utf8.AppendRune(b, r)
}

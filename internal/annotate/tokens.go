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
	sc := scanState{}
	for i := 0; i < len(s); {
		r, w := decode(s, i)
		if isWordRune(r) {
			var t token
			t, i = tz.word(s, i, &sc)
			out = append(out, t)
			continue
		}
		var adv int
		out, adv = tz.mark(s, i, r, w, out, &sc)
		i += adv
	}
	return out
}

// scanState is what the tokenizer carries from one token to the next: the position in
// code points, the line breaks seen since the last token, and whether a hyphen joins the
// next word to the previous one.
type scanState struct {
	rpos     int32
	newlines int
	hyphen   bool
}

// mark handles the non-word rune r (width w) at byte i: a space or line break, a hyphen
// inside a compound, a possessive 's or a punctuation token. It returns the tokens and how
// many bytes it used.
func (tz *tokenizer) mark(s string, i int, r rune, w int, out []token, sc *scanState) ([]token, int) {
	prevWordEndsHere := len(out) > 0 && out[len(out)-1].is(fWord) && out[len(out)-1].be == int32(i)
	switch {
	case r == '\n':
		sc.newlines++
		sc.hyphen = false
	case unicode.IsSpace(r):
		sc.hyphen = false
	case (r == '-' || r == '‐') && prevWordEndsHere && i+w < len(s) && isWordRuneAt(s, i+w):
		sc.hyphen = true
	case isApostrophe(r) && prevWordEndsHere && i+w < len(s) && isFinalS(s, i+w):
		// Possessive 's.
		t := token{bs: int32(i), be: int32(i + w + 1), rs: sc.rpos, re: sc.rpos + 2, flags: fWord}
		t.word = tz.lookup("'s")
		sc.rpos += 2
		return append(out, t), w + 1
	default:
		t := token{bs: int32(i), be: int32(i + w), rs: sc.rpos, re: sc.rpos + 1, word: -1, punct: r}
		t.flags |= lineFlags(sc.newlines)
		sc.newlines = 0
		out = append(out, t)
	}
	sc.rpos++
	return out, w
}

// isFinalS reports whether byte j of s is an s (or S) that ends a word.
func isFinalS(s string, j int) bool {
	return (s[j] == 's' || s[j] == 'S') && (j+1 >= len(s) || !isWordRuneAt(s, j+1))
}

// word scans the word that starts at byte i and returns its token and the byte after it.
func (tz *tokenizer) word(s string, i int, sc *scanState) (token, int) {
	t := token{bs: int32(i), rs: sc.rpos, flags: fWord | lineFlags(sc.newlines)}
	if sc.hyphen {
		t.flags |= fHyphen
	}
	sc.newlines, sc.hyphen = 0, false
	tz.buf = tz.buf[:0]
	r, _ := decode(s, i)
	digits := isDigit(r)
	first := true
	letters, uppers := 0, 0
	seg := 0 // letters since the last dot, for initials
	for i < len(s) {
		r, w := decode(s, i)
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
			sc.rpos++
			continue
		}
		if tz.innerMark(s, i, r, w, seg, letters, uppers, digits) {
			i += w
			sc.rpos++
			if r == '.' {
				seg = 0
			}
			continue
		}
		break
	}
	if digits {
		t.flags |= fDigit
	} else if letters > 0 && uppers == letters && (letters > 1 || i < len(s) && s[i-1] == '.') {
		t.flags |= fUpper
	}
	t.be, t.re = int32(i), sc.rpos
	t.word = tz.lookup(string(tz.buf))
	return t, i
}

// innerMark reports whether the mark r (width w) at byte i stays inside the word being
// scanned: an apostrophe followed by letters other than a final s (Da'esh), or the dot of
// initials (U.S., U.N.). Neither goes into the folded form.
func (tz *tokenizer) innerMark(s string, i int, r rune, w, seg, letters, uppers int, digits bool) bool {
	if isApostrophe(r) && i+w < len(s) && isWordRuneAt(s, i+w) && !isFinalS(s, i+w) {
		return true
	}
	return r == '.' && seg == 1 && !digits && i+1 < len(s) &&
		(isWordRuneAt(s, i+1) && i+2 < len(s) && s[i+2] == '.' || letters > 1 && uppers == letters)
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

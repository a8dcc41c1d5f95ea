package phoenix

import (
	"strings"
	"unicode"
)

// particles are written in lower case inside a name ("Bashar al-Assad", "Staffan de
// Mistura"); at the start of a name they keep their capital.
var particles = wordSet(`
	al el as ash ad an ar at az bin ibn bint de del della der den van von da das dos do du
	la le y e ul ud of the and for in on to against at-`)

// acronyms are words kept in capitals although they have vowels.
var acronyms = wordSet(`
	UN US USA UK EU AU NATO OPEC ASEAN UNICEF UNESCO IAEA UNHCR UNDP OSCE OAS ECOWAS IMF ICC
	ICJ IRA ETA PLO ANC FARC ELN PKK ISIS ISIL AQAP AQIM OAU SADC APEC OECD UNIFIL UNAMA
	UNAMI MONUC MONUSCO UNMIS UNMIL AMISOM NGO II III IV VI VII VIII IX XI XII USSR PRC DPRK
	ROK UAE GCC OIC`)

// notAcronyms are abbreviations written as words: "Inc", "Ltd", "Jr".
var notAcronyms = map[string]bool{"INC": true, "LTD": true, "MR": true, "MRS": true, "DR": true,
	"ST": true, "JR": true, "SR": true, "MT": true, "FT": true, "PLC": false, "LLC": false}

// wordSet returns the set of the words of list, separated by spaces and line breaks.
func wordSet(list string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[w] = true
	}
	return set
}

// words splits a dictionary phrase ("SECRETARY-GENERAL_BAN_KI-MOON_") into words.
func words(phrase string) []string {
	return strings.FieldsFunc(phrase, func(r rune) bool { return r == '_' || r == ' ' || r == '\t' })
}

// properCase writes an upper-case dictionary phrase in the usual way: "BASHAR_AL-ASSAD"
// → "Bashar al-Assad", "U.S._STATE_DEPARTMENT" → "U.S. State Department", "KIM_DAE-JUNG"
// → "Kim Dae-jung" (Korean given names keep the second syllable in lower case).
func properCase(ws []string, korean bool) string {
	return caseWords(ws, korean, false)
}

// personCase writes a person's name: as properCase, but only regnal numbers and dotted
// initials stay in capitals ("ABD_AL_AZIZ" is "Abd al Aziz", "CHI_UN_HUI" "Chi Un Hui").
func personCase(ws []string, korean bool) string {
	return caseWords(ws, korean, true)
}

func caseWords(ws []string, korean, person bool) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = caseWord(w, i == 0, korean, person)
	}
	return strings.Join(out, " ")
}

func caseWord(w string, first, korean, person bool) string {
	isAcronym := isAcronym
	if person {
		isAcronym = func(w string) bool { return romans[w] || dotted(w) }
	}
	if !first && particles[strings.ToLower(w)] {
		return strings.ToLower(w)
	}
	if isAcronym(w) && !particles[strings.ToLower(strings.SplitN(w, "-", 2)[0])] {
		return w
	}
	// Parenthesised acronyms ("(AAIA)") and hyphenated parts are cased one by one.
	if strings.HasPrefix(w, "(") && strings.HasSuffix(w, ")") {
		return "(" + strings.ToUpper(w[1:len(w)-1]) + ")"
	}
	parts := strings.Split(w, "-")
	for i, p := range parts {
		lower := strings.ToLower(p)
		switch {
		case p == "":
		case i == 0 && !first && particles[lower]:
			parts[i] = lower // "al-Assad"
		case i == 0 && first && particles[lower]:
			parts[i] = capWord(lower) // "Al-Shabaab"
		case isAcronym(p):
		case i > 0 && korean:
			parts[i] = lower
		case i > 0 && (lower == "e" || lower == "i" || lower == "ul" || lower == "ud" || lower == "o"):
			// "Mazar-i-Sharif", "Sar-e Pol"
			parts[i] = lower
		default:
			parts[i] = capWord(lower)
		}
	}
	return strings.Join(parts, "-")
}

// capWord capitalises a lower-case word: "mcnamara" → "McNamara", "o'brien" → "O'Brien",
// "children's" → "Children's", "3d" stays.
func capWord(w string) string {
	rs := []rune(w)
	if len(rs) == 0 || !unicode.IsLetter(rs[0]) {
		return w
	}
	rs[0] = unicode.ToUpper(rs[0])
	if len(rs) > 3 && rs[0] == 'M' && rs[1] == 'c' {
		rs[2] = unicode.ToUpper(rs[2])
	}
	for i := 1; i+1 < len(rs); i++ {
		if rs[i] == '\'' && !(rs[i+1] == 's' && i+2 == len(rs)) {
			rs[i+1] = unicode.ToUpper(rs[i+1])
		}
		if rs[i] == '.' && unicode.IsLetter(rs[i+1]) {
			rs[i+1] = unicode.ToUpper(rs[i+1]) // "j.r." → "J.R."
		}
	}
	return string(rs)
}

// romans are the regnal numbers that follow a name (Elizabeth II).
var romans = map[string]bool{"II": true, "III": true, "IV": true, "VI": true, "VII": true, "VIII": true, "IX": true, "XI": true, "XII": true, "XIII": true}

// dotted reports whether w is dotted initials (U.S., J.R.).
func dotted(w string) bool {
	letters, dots := 0, 0
	for _, r := range w {
		switch {
		case r == '.':
			dots++
		case unicode.IsLetter(r):
			letters++
		default:
			return false
		}
	}
	return letters > 1 && dots >= letters
}

// isAcronym reports whether an upper-case word is written in capitals: dotted initials
// (U.S., U.N.), a known acronym, or a word of letters without a vowel (ANSF, NSC).
func isAcronym(w string) bool {
	if acronyms[strings.Trim(w, "().,")] {
		return true
	}
	if notAcronyms[strings.Trim(w, "().,")] {
		return false
	}
	letters, vowels, dots := 0, 0, 0
	for i, r := range w {
		switch {
		case r == '.':
			dots++
		case strings.ContainsRune("AEIOUY", r):
			if i > 0 {
				vowels++ // a vowel only at the start still reads as an acronym: ANSF, UNSC
			}
			letters++
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
		default:
			return false
		}
	}
	if dots > 0 && dots >= letters && letters > 1 {
		return true // U.S., U.N.; "H." is an initial, cased as a word
	}
	return letters >= 2 && vowels == 0 && (letters <= 5 || dots == 0 && !strings.ContainsAny(w[:1], "AEIOUY"))
}

// slug makes an id from a name: lower case ASCII letters and digits joined by hyphens.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r == '.' || r == '\'':
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

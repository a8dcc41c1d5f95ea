package graph

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titles maps the folded form of an office title (NormName) to how it is written on a
// HOLDS_ROLE edge. Synonyms share one written form so that "Minister of Foreign Affairs"
// and "foreign minister" are one role.
var titles = map[string]string{
	"president": "President", "vice president": "Vice President", "prime minister": "Prime Minister",
	"deputy prime minister": "Deputy Prime Minister", "chancellor": "Chancellor", "king": "King",
	"queen": "Queen", "crown prince": "Crown Prince", "emir": "Emir", "supreme leader": "Supreme Leader",
	"foreign minister": "Foreign Minister", "minister of foreign affairs": "Foreign Minister",
	"minister for foreign affairs": "Foreign Minister", "foreign affairs minister": "Foreign Minister",
	"deputy foreign minister": "Deputy Foreign Minister", "foreign secretary": "Foreign Secretary",
	"secretary of state": "Secretary of State", "defence minister": "Defence Minister",
	"defense minister": "Defence Minister", "minister of defence": "Defence Minister",
	"minister of defense": "Defence Minister", "defense secretary": "Secretary of Defense",
	"defence secretary": "Secretary of Defence", "secretary of defense": "Secretary of Defense",
	"secretary general": "Secretary-General", "secretarygeneral": "Secretary-General",
	"deputy secretary general": "Deputy Secretary-General", "high representative": "High Representative",
	"special envoy": "Special Envoy", "envoy": "Envoy", "ambassador": "Ambassador",
	"spokesman": "Spokesperson", "spokeswoman": "Spokesperson", "spokesperson": "Spokesperson",
	"foreign ministry spokesman": "Foreign Ministry Spokesperson", "foreign ministry spokeswoman": "Foreign Ministry Spokesperson",
	"foreign ministry spokesperson": "Foreign Ministry Spokesperson",
	"national security adviser":     "National Security Adviser", "national security advisor": "National Security Adviser",
	"chief negotiator": "Chief Negotiator", "leader": "Leader", "commander": "Commander",
	"interior minister": "Interior Minister", "minister": "Minister", "secretary": "Secretary",
	"press secretary": "Press Secretary", "senator": "Senator", "general": "General",
	"premier": "Premier", "permanent representative": "Permanent Representative",
	"vice foreign minister": "Deputy Foreign Minister", "sultan": "Sultan",
}

// honorifics are dropped before a name without making a role.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true, "dame": true,
	"he": true, "his excellency": true, "her excellency": true, "sheikh": true, "lord": true,
	// religious and customary titles: never part of the name, so "Mullah Omar" and "Omar"
	// are one person and "Mullah Akhtar Mansour" is not keyed on "mullah".
	"sheikha": true, "mullah": true, "maulana": true, "ayatollah": true, "grand ayatollah": true,
	"hajji": true, "haji": true, "sayyed": true, "sayyid": true, "imam": true,
}

// maxTitleWords is the longest title in titles, in words.
const maxTitleWords = 4

// titled is a person mention taken apart: "US Secretary of State John Kerry" has
// name "John Kerry", title "Secretary of State" and of "US".
type titled struct {
	name  string // the name without title or honorific; "" for a title alone
	title string // written form from titles; "" when there is none
	of    string // the text naming the state or organisation of the office, as written
	ofAct *Actor // what of resolves to in the gazetteer, if anything
	// former is set for "former", "ex-", "late": the mention states no current office.
	former bool
}

// exPrefix finds "ex-" before a title ("ex-President").
var exPrefix = regexp.MustCompile(`(^|\s)[Ee]x[-‐–]`)

// qualifiers come before a title: past ones mean the office is no longer held.
var qualifiers = map[string]string{
	"former": "past", "ex": "past", "late": "past", "then": "then", "acting": "now", "outgoing": "now",
	"incoming": "next", "new": "now", "newly": "now", "appointed": "now", "current": "now",
}

// parseTitled takes a title, the state or organisation it belongs to, and honorifics off a
// person mention. It knows "US Secretary of State John Kerry", "Russia's foreign minister,
// Sergei Lavrov", "Walid Muallem, Syria's foreign minister", "Foreign Minister of Syria
// Walid Muallem", "UN Special Envoy for Syria Staffan de Mistura" and "Mr Kerry".
func (g *Gazetteer) parseTitled(text string) titled {
	// An apposition puts the title on one side of a comma or dash; the sides are not split
	// again, which keeps the work linear in the length of the mention.
	if i, n := apposition(text); i > 0 {
		left, right := strings.TrimSpace(text[:i]), strings.TrimSpace(strings.Trim(text[i+n:], " ,—–"))
		if t := g.parsePlain(right); t.title != "" && t.name == "" {
			t.name = g.parsePlain(left).name
			return t
		}
		if t := g.parsePlain(left); t.title != "" && t.name == "" {
			t.name = g.parsePlain(right).name
			return t
		}
		// "Syria's UN envoy, Bashar al-Jaafari": a title word somewhere in one side.
		if t, ok := g.looseTitle(right); ok {
			t.name = g.parsePlain(left).name
			return t
		}
		if t, ok := g.looseTitle(left); ok {
			t.name = g.parsePlain(right).name
			return t
		}
	}
	return g.parsePlain(text)
}

// parsePlain takes apart a person mention without an apposition.
func (g *Gazetteer) parsePlain(text string) titled {
	ws := strings.Fields(exPrefix.ReplaceAllString(text, "${1}ex "))
	norm := make([]string, len(ws))
	for i, w := range ws {
		norm[i] = NormName(w)
	}
	var t titled
	i := 0
	for i < len(ws) && (norm[i] == "the" || norm[i] == "a" || norm[i] == "") {
		i++
	}
	i = skipQualifiers(norm, i, &t)
	i = g.officeOwner(ws, norm, i, &t)
	if t.of != "" {
		i = skipQualifiers(norm, i, &t) // "Syria's former foreign minister"
	}
	if title, n := matchTitle(norm[i:]); n > 0 {
		t.title = title
		i = g.titleComplement(ws, norm, i+n, &t)
	}
	i = skipHonorifics(norm, i)
	t.name = strings.Trim(strings.Join(ws[i:], " "), " ,")
	if t.title == "" && (t.name == "" || strings.Join(ws[:i], " ") != "" && !honorificOnly(norm[:i])) {
		// Without a title, only an honorific comes off: "a Syrian pilot" stays whole.
		t = titled{name: strings.Join(ws, " ")}
	}
	if t.title == "" {
		// A description before a capitalised name is no part of it either: "businessman
		// Siamak Namazi", "House Republican leader Kevin McCarthy".
		f := strings.Fields(t.name)
		nf := make([]string, len(f))
		for i, w := range f {
			nf[i] = NormName(w)
		}
		t.name = strings.Join(f[descriptionEnd(f, nf):], " ")
	}
	return t
}

// nameParticles are the lower-case words inside a name ("Staffan de Mistura",
// "Mohammed bin Salman"), which descriptionEnd does not take for a description.
var nameParticles = map[string]bool{
	"bin": true, "ibn": true, "bint": true, "ben": true, "al": true, "el": true, "de": true,
	"da": true, "di": true, "do": true, "dos": true, "das": true, "du": true, "del": true,
	"della": true, "der": true, "den": true, "van": true, "von": true, "la": true, "le": true,
	"y": true, "e": true, "ter": true, "ten": true, "zu": true, "wad": true, "ould": true,
	"and": true, "of": true,
}

// descriptionEnd returns the index of the first word of the name that ends ws after a
// description: the words up to the last one in lower case (or the last title word) that is
// no name particle, when only capitalised words and particles follow it and the name
// starts with a capital. It returns 0 when there is no such description.
func descriptionEnd(ws, norm []string) int {
	k := -1
	for j := range ws {
		r, _ := utf8.DecodeRuneInString(ws[j])
		lower := unicode.IsLower(r) && !strings.ContainsAny(ws[j], "-‐–'’")
		if lower && !nameParticles[norm[j]] || !lower && titles[norm[j]] != "" && j+1 < len(ws) {
			k = j
		} else if !unicode.IsUpper(r) && !nameParticles[norm[j]] && !strings.ContainsAny(ws[j], "-‐–'’") {
			return 0
		}
	}
	if k < 0 || k+1 >= len(ws) {
		return 0
	}
	if r, _ := utf8.DecodeRuneInString(ws[k+1]); !unicode.IsUpper(r) {
		return 0
	}
	return k + 1
}

// skipQualifiers skips the qualifiers from norm[i] on ("former", "ex-", "acting") and
// returns the index after them; a past one means the title states no current office.
func skipQualifiers(norm []string, i int, t *titled) int {
	for i < len(norm) && qualifiers[norm[i]] != "" {
		if qualifiers[norm[i]] == "past" {
			t.former = true
		}
		i++
	}
	return i
}

// officeOwner finds the state or organisation of the office at ws[i]: the longest run of
// words the gazetteer knows as a non-person, right before a title. It returns the index
// after it, or i when there is none.
func (g *Gazetteer) officeOwner(ws, norm []string, i int, t *titled) int {
	for j := min(len(ws), i+5); j > i; j-- {
		phrase := strings.Join(ws[i:j], " ")
		act, ok := g.Lookup(stripPossessive(phrase), "")
		if !ok || act.Type == "Person" {
			continue
		}
		k := j
		for k < len(ws) && qualifiers[norm[k]] != "" {
			k++
		}
		if _, n := matchTitle(norm[k:]); n > 0 {
			t.of, t.ofAct = stripPossessive(phrase), act
			return j
		}
		return i
	}
	return i
}

// titleComplement reads what follows a title at ws[i]: "of Syria" names whose office it
// is; "Special Envoy for Syria", "Ambassador to the UN" are part of the title. It returns
// the index after it, or i when there is none.
func (g *Gazetteer) titleComplement(ws, norm []string, i int, t *titled) int {
	if i+1 >= len(ws) || norm[i] != "of" && norm[i] != "for" && norm[i] != "to" {
		return i
	}
	for j := min(len(ws), i+5); j > i+1; j-- {
		phrase := strings.Trim(strings.Join(ws[i+1:j], " "), ",")
		act, ok := g.Lookup(phrase, "")
		if !ok || act.Type == "Person" {
			continue
		}
		switch {
		case norm[i] != "of":
			t.title += " " + norm[i] + " " + act.Name
		case t.of == "":
			t.of, t.ofAct = phrase, act
		}
		return j
	}
	return i
}

// skipHonorifics skips honorifics of one or two words from norm[i] on ("Mr", "His
// Excellency") and returns the index after them.
func skipHonorifics(norm []string, i int) int {
	for i < len(norm) {
		switch {
		case honorifics[norm[i]]:
			i++
		case i+1 < len(norm) && honorifics[norm[i]+" "+norm[i+1]]:
			i += 2
		default:
			return i
		}
	}
	return i
}

// looseTitle finds a title anywhere in one side of an apposition, and the first state or
// organisation the gazetteer knows before it: "Syria's UN envoy" is an Envoy of Syria.
func (g *Gazetteer) looseTitle(side string) (titled, bool) {
	ws := strings.Fields(side)
	norm := make([]string, len(ws))
	for i, w := range ws {
		norm[i] = NormName(w)
	}
	for i := range ws {
		title, n := matchTitle(norm[i:])
		if n == 0 {
			continue
		}
		if i+n != len(ws) {
			return titled{}, false // words after the title: not a plain title phrase
		}
		t := titled{title: title}
		for k := 0; k < i && t.ofAct == nil; k++ {
			if act, ok := g.Lookup(stripPossessive(ws[k]), ""); ok && act.Type != "Person" {
				t.of, t.ofAct = stripPossessive(ws[k]), act
			}
		}
		for _, w := range norm[:i] {
			if qualifiers[w] == "past" {
				t.former = true
			}
		}
		return t, true
	}
	return titled{}, false
}

// apposition returns the byte offset and length of the first comma or spaced dash in text.
func apposition(text string) (int, int) {
	best, n := -1, 0
	for _, sep := range []string{",", " — ", " – ", " - "} {
		if i := strings.Index(text, sep); i > 0 && (best < 0 || i < best) {
			best, n = i, len(sep)
		}
	}
	return best, n
}

func honorificOnly(ws []string) bool {
	for i := 0; i < len(ws); i++ {
		if honorifics[ws[i]] {
			continue
		}
		if i+1 < len(ws) && honorifics[ws[i]+" "+ws[i+1]] {
			i++
			continue
		}
		return false
	}
	return true
}

// matchTitle returns the written form and length in words of the longest title at the
// start of the folded words ws.
func matchTitle(ws []string) (string, int) {
	for n := min(len(ws), maxTitleWords); n > 0; n-- {
		if t, ok := titles[strings.Join(ws[:n], " ")]; ok {
			return t, n
		}
	}
	return "", 0
}

// canonicalTitle returns the written form of a title from the gazetteer or a mention.
func canonicalTitle(s string) string {
	if t, ok := titles[NormName(s)]; ok {
		return t
	}
	return s
}

// sameTitle reports whether two titles name one office: "Minister of Foreign Affairs" and
// "foreign minister", "Ambassador to the United Nations" and "ambassador to United Nations".
func sameTitle(a, b string) bool {
	return titleKey(a) == titleKey(b)
}

// titleKey is the form of a title that sameTitle compares.
func titleKey(s string) string {
	var ws []string
	for _, w := range strings.Fields(NormName(canonicalTitle(s))) {
		if w != "the" {
			ws = append(ws, w)
		}
	}
	return strings.Join(ws, " ")
}

func stripPossessive(s string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, suf) {
			return strings.TrimSuffix(s, suf)
		}
	}
	return s
}

// refersToNorm is the surname rule of the name index (refindex.go), on names already
// normalised (NormName puts one space between words): the short form's words end the full
// name exactly when the full name ends with a space and the short form.
func refersToNorm(s, f string) bool {
	return s != "" && len(f) > len(s) && f[len(f)-len(s)-1] == ' ' && f[len(f)-len(s):] == s
}

// firstWordInUse returns the first word of a name (full as written, norm normalised) when
// that word alone is the name in use: the family name of "Kim Jong Un", the given name of
// "Tamim bin Hamad Al Thani" (a name with a patronymic particle).
func firstWordInUse(full, norm string) (string, bool) {
	f := strings.Fields(norm)
	if len(f) < 2 || (capitalised(full) < 3 && !patronymic(f)) {
		return "", false
	}
	return f[0], true
}

// capitalised counts the words of a name that start with a capital ("Kim Jong Un": 3,
// "Bashar al-Assad": 2).
func capitalised(name string) int {
	n := 0
	for _, w := range strings.Fields(name) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

// patronymic reports whether a name has a particle of descent (bin, ibn, bint, ben, abu).
func patronymic(f []string) bool {
	for _, w := range f[1:] {
		switch w {
		case "bin", "ibn", "bint", "ben", "abu", "wad", "ould":
			return true
		}
	}
	return false
}

// acronymOf reports whether short is the initials of full's significant words
// ("ISSG" of "International Syria Support Group").
func acronymOf(short, full string) bool {
	return mayBeAcronym(short) && initials(NormName(full)) == NormName(short)
}

// mayBeAcronym reports whether s looks like an acronym: two or more characters, upper
// case, no space.
func mayBeAcronym(s string) bool {
	return len([]rune(s)) >= 2 && strings.ToUpper(s) == s && !strings.ContainsAny(s, " ")
}

// initials returns the first letters of the significant words of a normalised name, or ""
// when there are fewer than two.
func initials(norm string) string {
	var b strings.Builder
	for _, w := range strings.Fields(norm) {
		switch w {
		case "of", "the", "and", "for", "in", "on":
			continue
		}
		b.WriteString(w[:1])
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}

package graph

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

//go:embed gazetteer.jsonl
var builtinGazetteer string

// Actor is one entry of the gazetteer: a real-world actor with its aliases.
type Actor struct {
	// ID is the entry's own identifier, used as key when there is no QID.
	ID   string `json:"id"`
	QID  string `json:"qid,omitempty"`
	Type string `json:"type"` // a label: State, Person, Organisation, ArmedGroup, …
	Name string `json:"name"`
	// Aliases are other names: short forms, spellings, acronyms.
	Aliases []string `json:"aliases,omitempty"`
	// Adjectives are nationality adjectives that stand for a state (Russian → Russia).
	Adjectives []string `json:"adjectives,omitempty"`
	// Capitals are places used as metonyms for the state (Moscow → Russia).
	Capitals []string `json:"capitals,omitempty"`
	// Roles are offices a person held, with ISO dates.
	Roles []Role `json:"roles,omitempty"`
}

// Role is an office held by a person.
type Role struct {
	Title string `json:"title"`
	Of    string `json:"of,omitempty"` // gazetteer id or QID of the state or organisation
	Since string `json:"since,omitempty"`
	Until string `json:"until,omitempty"`
}

// Digest is a hash of the gazetteer's entries, part of every article fingerprint: a changed
// gazetteer can change how articles resolve. It is computed once and again after Load; a
// caller that changes Actors in place must not rely on it.
func (g *Gazetteer) Digest() string {
	if g == nil {
		return ""
	}
	if d := g.digest.Load(); d != nil {
		return *d
	}
	h := sha256.New()
	h.Write([]byte(g.AsOf + "\n"))
	for _, a := range g.Actors {
		b, _ := json.Marshal(a)
		h.Write(b)
		h.Write([]byte{'\n'})
	}
	d := hex.EncodeToString(h.Sum(nil))[:16]
	g.digest.Store(&d)
	return d
}

// Key returns the stable key of the actor: "wikidata:QID" when the QID is known, else the
// lower-case type and the folded canonical name ("armedgroup:al nusra front"), the same key
// an unknown mention of that name gets, so adding an actor without a QID to the gazetteer
// does not change keys already in a database.
func (a *Actor) Key() string {
	if a.QID != "" {
		return "wikidata:" + a.QID
	}
	return strings.ToLower(a.Type) + ":" + NormName(a.Name)
}

// Holder returns the person who held the office title (any written form) of the actor of
// on date (ISO, any precision), when the gazetteer knows exactly one.
func (g *Gazetteer) Holder(title string, of *Actor, date string) (*Actor, *Role, bool) {
	if g == nil || of == nil || date == "" {
		return nil, nil, false
	}
	var found *Actor
	var role *Role
	for _, a := range g.Actors {
		if a.Type != "Person" {
			continue
		}
		for i := range a.Roles {
			r := &a.Roles[i]
			if !sameTitle(r.Title, title) || !g.sameActor(r.Of, of) || !r.HeldOn(date) {
				continue
			}
			if r.Until == "" && g.AsOf != "" && cmpDate(date, g.AsOf) > 0 {
				continue // nobody has checked who holds the office by then
			}
			if found != nil && found != a {
				return nil, nil, false // ambiguous
			}
			found, role = a, r
		}
	}
	return found, role, found != nil
}

// sameActor reports whether ref (a gazetteer id or QID) names the actor.
func (g *Gazetteer) sameActor(ref string, a *Actor) bool {
	if ref == "" || a == nil {
		return false
	}
	if b, ok := g.ByID(ref); ok {
		return b == a || (a.QID != "" && a.QID == b.QID)
	}
	return false
}

// RoleOn returns the person's role with the title (any written form) held on date, and
// of which actor; with of nil, any actor. Without a date any role with the title fits.
func (g *Gazetteer) RoleOn(person *Actor, title string, of *Actor, date string) (*Role, bool) {
	if person == nil {
		return nil, false
	}
	for i := range person.Roles {
		r := &person.Roles[i]
		if !sameTitle(r.Title, title) {
			continue
		}
		if of != nil && !g.sameActor(r.Of, of) {
			continue
		}
		if date != "" && !r.HeldOn(date) {
			continue
		}
		return r, true
	}
	return nil, false
}

// HeldOn reports whether the role was held on date. Dates of any precision compare by
// their common prefix, so a role since 2016-02 was held in 2016-02 and on 2016-02-11.
func (r *Role) HeldOn(date string) bool {
	if r.Since != "" && cmpDate(date, r.Since) < 0 {
		return false
	}
	if r.Until != "" && cmpDate(date, r.Until) > 0 {
		return false
	}
	return true
}

// cmpDate compares ISO dates of different precision on their common prefix.
func cmpDate(a, b string) int {
	n := min(len(a), len(b))
	return strings.Compare(a[:n], b[:n])
}

// Gazetteer finds actors by any of their names.
type Gazetteer struct {
	Actors []*Actor
	// AsOf is the date (ISO) up to which open-ended roles were checked, from a
	// "// as-of: 2025-09" line; a bare title after it names nobody, since the office may
	// have changed hands. Empty: open-ended roles hold for ever.
	AsOf   string
	byName map[string][]entry // normalised name → actors
	byID   map[string]*Actor
	digest atomic.Pointer[string] // Digest, once computed
}

// BuiltinGazetteer returns the gazetteer shipped with dipgraph.
func BuiltinGazetteer() *Gazetteer {
	g := &Gazetteer{}
	if err := g.Load(strings.NewReader(builtinGazetteer), "builtin gazetteer"); err != nil {
		panic(err) // the file is embedded and tested; failing here is a build defect
	}
	return g
}

// Load reads JSON Lines actors from r and adds them; an entry with an id already present
// replaces it, so users can override the built-in entries.
func (g *Gazetteer) Load(r io.Reader, name string) error {
	if g.byName == nil {
		g.byName = map[string][]entry{}
		g.byID = map[string]*Actor{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if d, ok := strings.CutPrefix(text, "// as-of:"); ok {
			d = strings.TrimSpace(d)
			if Precision(d) == "" || Precision(d) == WeekPrecision {
				return fmt.Errorf("%s:%d: as-of %q is not an ISO date", name, line, d)
			}
			if d > g.AsOf {
				g.AsOf = d
			}
			continue
		}
		if text == "" || strings.HasPrefix(text, "//") {
			continue
		}
		var a Actor
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&a); err != nil {
			return fmt.Errorf("%s:%d: %v", name, line, err)
		}
		if a.ID == "" || a.Name == "" || a.Type == "" {
			return fmt.Errorf("%s:%d: an actor needs id, name and type", name, line)
		}
		l, err := Label(a.Type)
		if err != nil {
			return fmt.Errorf("%s:%d: %v", name, line, err)
		}
		a.Type = l
		g.add(&a)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

func (g *Gazetteer) add(a *Actor) {
	g.digest.Store(nil)
	if old, ok := g.byID[a.ID]; ok {
		for i, x := range g.Actors {
			if x == old {
				g.Actors = append(g.Actors[:i], g.Actors[i+1:]...)
				break
			}
		}
		for k, es := range g.byName {
			var keep []entry
			for _, x := range es {
				if x.actor != old {
					keep = append(keep, x)
				}
			}
			g.byName[k] = keep
		}
	}
	g.Actors = append(g.Actors, a)
	g.byID[a.ID] = a
	index := func(names []string, metonym bool) {
		for _, n := range names {
			if k := NormName(n); k != "" {
				g.byName[k] = append(g.byName[k], entry{a, metonym})
			}
		}
	}
	index(append([]string{a.Name}, a.Aliases...), false)
	index(a.Adjectives, true)
	index(a.Capitals, true)
}

// entry is one name of an actor; metonym names (adjectives, capitals) stand for the actor
// only where an actor is meant, never for a place or a person.
type entry struct {
	actor   *Actor
	metonym bool
}

// placeLabels are labels of mentions that name places or times, not actors.
var placeLabels = map[string]bool{"Location": true, "Place": true, "City": true, "Loc": true, "Region": true, "Date": true, "Time": true}

// Lookup finds the actor named name whose type fits label. A person is only found for a
// Person mention and a non-person only for a non-person mention; an empty label fits any.
func (g *Gazetteer) Lookup(name, label string) (*Actor, bool) {
	if g == nil {
		return nil, false
	}
	cands := g.byName[NormName(name)]
	var best *Actor
	for _, e := range cands {
		a := e.actor
		if label != "" && (a.Type == "Person") != (label == "Person") {
			continue
		}
		if placeLabels[label] && a.Type != label {
			continue
		}
		if e.metonym && label == "Person" {
			continue
		}
		if a.Type == label {
			return a, true
		}
		if best == nil {
			best = a
		}
	}
	return best, best != nil
}

// ByID returns the actor with the gazetteer id or QID.
func (g *Gazetteer) ByID(id string) (*Actor, bool) {
	if g == nil {
		return nil, false
	}
	if a, ok := g.byID[id]; ok {
		return a, true
	}
	for _, a := range g.Actors {
		if a.QID != "" && a.QID == id {
			return a, true
		}
	}
	return nil, false
}

// NormName folds a name for matching: lower case, accents and punctuation removed, spaces
// collapsed, a leading "the" dropped. "The Al-Nusra  Front" and "al nusra front" are equal.
func NormName(s string) string {
	var b strings.Builder
	space := true
	// NFC first: "ü" written as "u" and a combining diaeresis folds as "ü" does. ASCII is
	// in NFC already, and most names are ASCII.
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			s = norm.NFC.String(s)
			break
		}
	}
	s = ligatures.Replace(s)
	for _, r := range s {
		r = fold(r)
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case r == '\'' || r == '’' || r == '‘' || r == '.' || r == '\u00ad':
			// "Ash-Sham's" and "U.S." keep their letters together.
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	out := strings.TrimSpace(b.String())
	out = strings.TrimPrefix(out, "the ")
	return out
}

// fold maps common accented Latin letters to their base letter.
// A few letters fold to two (ß → ss, æ → ae); NormName spells those out before folding.
func fold(r rune) rune {
	if r < 0x80 {
		return r
	}
	if f, ok := foldTable[r]; ok {
		return f
	}
	return r
}

var ligatures = strings.NewReplacer("ß", "ss", "æ", "ae", "Æ", "AE", "œ", "oe", "Œ", "OE", "ð", "d", "Ð", "D", "þ", "th", "Þ", "TH")

// letterFolds maps accented Latin letters to their base letter.
var letterFolds = map[rune]string{
	'a': "àáâãäåāăąǎ", 'c': "çćĉċč", 'd': "ďđ", 'e': "èéêëēĕėęě", 'g': "ĝğġģ", 'h': "ĥħ",
	'i': "ìíîïĩīĭįı", 'j': "ĵ", 'k': "ķ", 'l': "ĺļľŀł", 'n': "ñńņňŉ", 'o': "òóôõöøōŏő",
	'r': "ŕŗř", 's': "śŝşšș", 't': "ţťŧț", 'u': "ùúûüũūŭůűų", 'w': "ŵ", 'y': "ýÿŷ", 'z': "źżž",
	'A': "ÀÁÂÃÄÅĀĂĄǍ", 'C': "ÇĆĈĊČ", 'D': "ĎĐ", 'E': "ÈÉÊËĒĔĖĘĚ", 'G': "ĜĞĠĢ", 'H': "ĤĦ",
	'I': "ÌÍÎÏĨĪĬĮİ", 'J': "Ĵ", 'K': "Ķ", 'L': "ĹĻĽĿŁ", 'N': "ÑŃŅŇ", 'O': "ÒÓÔÕÖØŌŎŐ",
	'R': "ŔŖŘ", 'S': "ŚŜŞŠȘ", 'T': "ŢŤŦȚ", 'U': "ÙÚÛÜŨŪŬŮŰŲ", 'W': "Ŵ", 'Y': "ÝŸŶ", 'Z': "ŹŻŽ",
}

var letterTable = invertFolds(letterFolds)

// foldTable also folds apostrophe and dash variants, for names.
var foldTable = func() map[rune]rune {
	m := invertFolds(map[rune]string{'\'': "ʼʻʿʾ`´", '-': "‐‑‒–—―"})
	for r, base := range letterTable {
		m[r] = base
	}
	return m
}()

func invertFolds(groups map[rune]string) map[rune]rune {
	m := map[rune]rune{}
	for base, s := range groups {
		for _, r := range s {
			m[r] = base
		}
	}
	return m
}

// FoldLetter maps an accented Latin letter to its base letter ("ğ" → "g") and leaves any
// other rune as it is; the annotator's tokens fold the same way names do.
func FoldLetter(r rune) rune {
	if f, ok := letterTable[r]; ok {
		return f
	}
	return r
}

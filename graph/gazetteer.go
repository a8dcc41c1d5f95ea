package graph

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
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
	// Cameo is the actor's CAMEO code (USA, IGOUNO, AFGREB); Country the CAMEO code of
	// its country, when it has one.
	Cameo   string `json:"cameo,omitempty"`
	Country string `json:"country,omitempty"`
	// Qualifier tells apart actors of one type that share a name (two people called
	// Mohammed Ali in different countries); it becomes part of the key.
	Qualifier string `json:"qualifier,omitempty"`
	// Source names the file the entry came from when that file declares one ("// source:
	// phoenix"); entries without a source are the hand-curated ones and win ties.
	Source string `json:"-"`
	// asOf is the as-of date of the file the entry came from.
	asOf string
}

// Role is an office held by a person.
type Role struct {
	Title string `json:"title"`
	Of    string `json:"of,omitempty"` // gazetteer id or QID of the state or organisation
	Since string `json:"since,omitempty"`
	Until string `json:"until,omitempty"`
	// Code is the CAMEO code of the role in the dictionary it came from (USAGOV).
	Code string `json:"code,omitempty"`
}

// Digest is a hash of the gazetteer's entries, part of every article fingerprint: a changed
// gazetteer can change how articles resolve. It is computed once and again after Load.
// The built-in entries are shared between the gazetteers BuiltinGazetteer returns:
// callers must not change them in place.
func (g *Gazetteer) Digest() string {
	if g == nil {
		return ""
	}
	if d := g.digest.Load(); d != nil {
		return *d
	}
	if g.pristine {
		d := builtinDigest()
		g.digest.Store(d)
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
	if a.Qualifier != "" {
		return strings.ToLower(a.Type) + ":" + NormName(a.Name) + " (" + strings.ToLower(a.Qualifier) + ")"
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
	for _, h := range g.roleIndex()[titleKey(title)] {
		a, r := h.actor, &h.actor.Roles[h.role]
		if !g.sameActor(r.Of, of) || !r.HeldOn(date) {
			continue
		}
		if asOf := a.checkedUntil(g); r.Until == "" && asOf != "" && cmpDate(date, asOf) > 0 {
			continue // nobody has checked who holds the office by then
		}
		if found != nil && found != a {
			return nil, nil, false // ambiguous
		}
		found, role = a, r
	}
	return found, role, found != nil
}

// heldRoleRef is one role of a person in the index of roles by title.
type heldRoleRef struct {
	actor *Actor
	role  int
}

// roleIndex returns the people's roles by the folded form of their title, built on first
// use: a bare title ("the US secretary of state") must not fold every role of 25,000 people.
func (g *Gazetteer) roleIndex() map[string][]heldRoleRef {
	if p := g.roles.Load(); p != nil {
		return *p
	}
	if g.shared {
		builtinRolesOnce.Do(func() { builtinRoles = buildRoleIndex(builtin.Actors) })
		g.roles.Store(&builtinRoles)
		return builtinRoles
	}
	idx := buildRoleIndex(g.Actors)
	g.roles.Store(&idx)
	return idx
}

var (
	builtinRolesOnce sync.Once
	builtinRoles     map[string][]heldRoleRef
)

func buildRoleIndex(actors []*Actor) map[string][]heldRoleRef {
	idx := map[string][]heldRoleRef{}
	keys := map[string]string{} // title as written → key
	for _, a := range actors {
		if a.Type != "Person" {
			continue
		}
		for i, r := range a.Roles {
			k, ok := keys[r.Title]
			if !ok {
				k = titleKey(r.Title)
				keys[r.Title] = k
			}
			idx[k] = append(idx[k], heldRoleRef{a, i})
		}
	}
	return idx
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

// rank orders roles by how much they say about who a name means on a date: an office
// (a hand-curated title, or a government role of the dictionaries) over membership of an
// elite or a sector; no role at all last.
func (r *Role) rank() int {
	switch {
	case r == nil:
		return 0
	case r.Code == "" || len(r.Code) > 3 && strings.Contains(r.Code[3:], "GOV"):
		return 2
	}
	return 1
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
	// have changed hands. Empty: open-ended roles hold for ever. Entries of a file with its
	// own as-of line (the dictionaries' 2014-01-30) are checked against that file's date.
	AsOf   string
	byName map[string][]entry // normalised name → actors
	byID   map[string]*Actor
	byQID  map[string]*Actor
	digest atomic.Pointer[string]                   // Digest, once computed
	roles  atomic.Pointer[map[string][]heldRoleRef] // roleIndex, once built
	// pristine is set while the gazetteer holds exactly the built-in entries, whose digest
	// is computed once for all copies; shared while it also shares their index.
	pristine, shared bool
}

//go:generate go run ../cmd/dipgraph gazetteer build --from ../../shared/data/petrarch2 --out phoenix-actors.jsonl.gz
//go:generate go test -run ^TestCompiledDictionary$ -update-compiled

// PhoenixFile is the name of the actors derived from the Phoenix dictionaries; the
// gazetteer embeds them compiled (CompiledPhoenixFile).
const PhoenixFile = "graph/phoenix-actors.jsonl.gz"

var (
	builtinOnce sync.Once
	builtin     *Gazetteer // indexed once; BuiltinGazetteer hands out copies
)

// BuiltinGazetteer returns the gazetteer shipped with dipgraph: the hand-curated entries
// of gazetteer.jsonl over the actors derived from the Phoenix dictionaries
// (phoenix-actors.jsonl.gz compiled, see internal/phoenix and compiled.go). A
// hand-curated entry replaces the
// dictionary entry with its id and takes its CAMEO code and country when it has none.
// Each call returns a gazetteer of its own; the files are decoded once.
func BuiltinGazetteer() *Gazetteer {
	builtinOnce.Do(func() { builtin = loadBuiltin() })
	// The copy shares the entries (read-only) and, until Load changes it, the index.
	g := &Gazetteer{AsOf: builtin.AsOf, Actors: builtin.Actors, byName: builtin.byName,
		byID: builtin.byID, byQID: builtin.byQID, pristine: true, shared: true}
	return g
}

// loadBuiltin decodes and indexes the built-in gazetteer.
func loadBuiltin() *Gazetteer {
	px, err := decodeCompiled(compiledPhoenix, CompiledPhoenixFile)
	if err != nil {
		panic(err) // the file is embedded and tested; failing here is a build defect
	}
	hand, err := decode(strings.NewReader(builtinGazetteer), "builtin gazetteer", true)
	if err != nil {
		panic(err)
	}
	actors, asOf := mergeHand(px, hand)
	g := &Gazetteer{AsOf: asOf}
	g.index(actors)
	for k, es := range g.byName {
		g.byName[k] = es[:len(es):len(es)] // an append in a copy must not write here
	}
	return g
}

var (
	builtinDigestOnce sync.Once
	builtinDigestVal  string
)

// builtinDigest is the built-in gazetteer's digest, computed on first use: most commands
// never need it.
func builtinDigest() *string {
	builtinDigestOnce.Do(func() {
		g := &Gazetteer{AsOf: builtin.AsOf, Actors: builtin.Actors}
		builtinDigestVal = g.Digest()
	})
	return &builtinDigestVal
}

// HandGazetteer returns only the hand-curated entries of the built-in gazetteer.
func HandGazetteer() *Gazetteer {
	d, err := decode(strings.NewReader(builtinGazetteer), "builtin gazetteer", true)
	if err != nil {
		panic(err)
	}
	g := &Gazetteer{AsOf: d.asOf}
	g.index(pointers(d.actors))
	return g
}

// mergeHand puts the hand-curated entries first (they win ties between names) and the
// dictionary entries after them, a hand entry replacing the dictionary entry of its id.
// The entries stay where they were decoded; the hand ones take a CAMEO code and a
// country from the entries they replace.
func mergeHand(px, hand *decoded) ([]*Actor, string) {
	byID := make(map[string]int, len(px.actors))
	for i := range px.actors {
		byID[px.actors[i].ID] = i
	}
	replaced := map[int]bool{}
	out := make([]*Actor, 0, len(px.actors)+len(hand.actors))
	for i := range hand.actors {
		h := &hand.actors[i]
		if j, ok := byID[h.ID]; ok {
			replaced[j] = true
			if h.Cameo == "" {
				h.Cameo = px.actors[j].Cameo
			}
			if h.Country == "" {
				h.Country = px.actors[j].Country
			}
		}
		out = append(out, h)
	}
	for i := range px.actors {
		if !replaced[i] {
			out = append(out, &px.actors[i])
		}
	}
	return out, max(px.asOf, hand.asOf)
}

// pointers returns pointers to the actors, in their order.
func pointers(actors []Actor) []*Actor {
	ps := make([]*Actor, len(actors))
	for i := range actors {
		ps[i] = &actors[i]
	}
	return ps
}

// decoded is the content of one gazetteer file.
type decoded struct {
	actors []Actor
	asOf   string
}

// decode reads JSON Lines actors. A "// source: NAME" line marks the entries after it as
// coming from NAME; a "// as-of: DATE" line dates them. Large files are decoded in parallel.
// A strict decode refuses unknown fields; the embedded dictionary file, checked by a test,
// is decoded without that check, which costs a second scan of every line.
func decode(r io.Reader, name string, strict bool) (*decoded, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	lines, asOf, err := splitActorLines(b, name)
	if err != nil {
		return nil, err
	}
	d := &decoded{actors: make([]Actor, len(lines)), asOf: asOf}
	parts := 1
	if len(lines) > 2000 {
		parts = max(1, min(runtime.GOMAXPROCS(0), 8))
	}
	errs := make([]error, parts)
	var g errgroup.Group
	for p := range parts {
		g.Go(func() error {
			from, to := p*len(lines)/parts, (p+1)*len(lines)/parts
			errs[p] = decodeActors(d.actors[from:to], lines[from:to], name, strict, asOf)
			return errs[p]
		})
	}
	if g.Wait() != nil {
		// The error of the earliest line, whichever part failed first.
		for _, err := range errs {
			if err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

// actorLine is one JSON line of a gazetteer file, with its line number and the source
// the comments before it declare.
type actorLine struct {
	text   []byte
	line   int
	source string
}

// splitActorLines splits a gazetteer file into its JSON lines and reads its comments:
// "// source: NAME" marks the lines after it, "// as-of: DATE" dates the file.
func splitActorLines(b []byte, name string) (lines []actorLine, asOf string, err error) {
	source := ""
	for line := 1; len(b) > 0; line++ {
		var text []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			text, b = b[:i], b[i+1:]
		} else {
			text, b = b, nil
		}
		text = bytes.TrimSpace(text)
		if !bytes.HasPrefix(text, []byte("//")) {
			if len(text) > 0 {
				lines = append(lines, actorLine{text, line, source})
			}
			continue
		}
		c := strings.TrimSpace(string(text[2:]))
		if v, ok := strings.CutPrefix(c, "as-of:"); ok {
			v = strings.TrimSpace(v)
			if Precision(v) == "" || Precision(v) == WeekPrecision {
				return nil, "", fmt.Errorf("%s:%d: as-of %q is not an ISO date", name, line, v)
			}
			asOf = max(asOf, v)
		} else if v, ok := strings.CutPrefix(c, "source:"); ok {
			source = strings.TrimSpace(v)
		}
	}
	return lines, asOf, nil
}

// decodeActors decodes lines into actors (of the same length) and checks each has an
// id, a name and a type this package knows.
func decodeActors(actors []Actor, lines []actorLine, name string, strict bool, asOf string) error {
	labels := map[string]string{} // type as written → label, to check each type once
	for i, l := range lines {
		a := &actors[i]
		var err error
		if strict {
			dec := json.NewDecoder(bytes.NewReader(l.text))
			dec.DisallowUnknownFields()
			err = dec.Decode(a)
		} else {
			err = json.Unmarshal(l.text, a)
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %v", name, l.line, err)
		}
		if a.ID == "" || a.Name == "" || a.Type == "" {
			return fmt.Errorf("%s:%d: an actor needs id, name and type", name, l.line)
		}
		lb, ok := labels[a.Type]
		if !ok {
			if lb, err = Label(a.Type); err != nil {
				return fmt.Errorf("%s:%d: %v", name, l.line, err)
			}
			labels[a.Type] = lb
		}
		a.Type, a.Source, a.asOf = lb, l.source, asOf
	}
	return nil
}

// index adds actors to a gazetteer that has none yet.
func (g *Gazetteer) index(actors []*Actor) {
	g.Actors = actors
	g.byName = make(map[string][]entry, 3*len(actors))
	g.byID = make(map[string]*Actor, len(actors))
	g.byQID = map[string]*Actor{}
	for _, a := range actors {
		g.byID[a.ID] = a
		g.indexNames(a)
	}
}

func (g *Gazetteer) indexNames(a *Actor) {
	if a.QID != "" && g.byQID[a.QID] == nil {
		g.byQID[a.QID] = a
	}
	add := func(n string, metonym bool) {
		if k := NormName(n); k != "" {
			g.byName[k] = append(g.byName[k], entry{a, metonym})
		}
	}
	add(a.Name, false)
	for _, n := range a.Aliases {
		add(n, false)
	}
	for _, n := range a.Adjectives {
		add(n, true)
	}
	for _, n := range a.Capitals {
		add(n, true)
	}
}

// Load reads JSON Lines actors from r and adds them; an entry with an id already present
// replaces it, so users can override the built-in entries.
func (g *Gazetteer) Load(r io.Reader, name string) error {
	d, err := decode(r, name, true)
	if err != nil {
		return err
	}
	if g.byName == nil {
		g.byName = map[string][]entry{}
		g.byID = map[string]*Actor{}
		g.byQID = map[string]*Actor{}
	}
	if d.asOf > g.AsOf {
		g.AsOf = d.asOf
	}
	for i := range d.actors {
		g.add(&d.actors[i])
	}
	return nil
}

func (g *Gazetteer) add(a *Actor) {
	g.digest.Store(nil)
	g.roles.Store(nil)
	g.pristine = false
	if g.shared {
		// The first change to a copy of the built-in gazetteer gives it an index of its own.
		g.Actors, g.byName, g.byID, g.byQID = slices.Clone(g.Actors), maps.Clone(g.byName), maps.Clone(g.byID), maps.Clone(g.byQID)
		g.shared = false
	}
	if old, ok := g.byID[a.ID]; ok {
		for i, x := range g.Actors {
			if x == old {
				g.Actors = append(g.Actors[:i], g.Actors[i+1:]...)
				break
			}
		}
		for _, n := range append(append(append([]string{old.Name}, old.Aliases...), old.Adjectives...), old.Capitals...) {
			k := NormName(n)
			var keep []entry
			for _, x := range g.byName[k] {
				if x.actor != old {
					keep = append(keep, x)
				}
			}
			if len(keep) == 0 {
				delete(g.byName, k)
			} else {
				g.byName[k] = keep
			}
		}
		if old.QID != "" && g.byQID[old.QID] == old {
			delete(g.byQID, old.QID)
		}
	}
	g.Actors = append(g.Actors, a)
	g.byID[a.ID] = a
	g.indexNames(a)
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
	return g.LookupOn(name, label, "")
}

// LookupOn finds the actor named name whose type fits label, as of date (ISO, any
// precision; "" for none). When several actors share the name, the one of the mention's
// own type wins, then one that held a role on date ("George Bush" is the father in 1991
// and the son in 2003), then a hand-curated entry over a dictionary one, then the first.
func (g *Gazetteer) LookupOn(name, label, date string) (*Actor, bool) {
	if g == nil {
		return nil, false
	}
	// The same order as Explain's, without building the list: this runs for every mention.
	var best *Actor
	bestScore := -1
	for _, e := range g.byName[NormName(name)] {
		if !e.fits(label) {
			continue
		}
		a := e.actor
		score := 0
		if a.Type == label {
			score += 100
		}
		if date != "" {
			score += 10 * heldRank(a, date)
		}
		if a.Source == "" {
			score++
		}
		if score > bestScore {
			best, bestScore = a, score
		}
	}
	return best, best != nil
}

// fits reports whether the entry can stand for a mention of label.
func (e entry) fits(label string) bool {
	a := e.actor
	if label != "" && (a.Type == "Person") != (label == "Person") {
		return false
	}
	if placeLabels[label] && a.Type != label {
		return false
	}
	return !(e.metonym && label == "Person")
}

// heldRole returns the best-ranked role the actor held on date.
func heldRole(a *Actor, date string) *Role {
	var best *Role
	for i := range a.Roles {
		if r := &a.Roles[i]; r.HeldOn(date) && (best == nil || r.rank() > best.rank()) {
			best = r
		}
	}
	return best
}

func heldRank(a *Actor, date string) int { return heldRole(a, date).rank() }

// Match is one actor a name can stand for, and why.
type Match struct {
	Actor *Actor
	// Name is the entry's name or alias that matched; Metonym is set for an adjective or
	// a capital standing for the actor.
	Name    string
	Metonym bool
	// Role is a role the actor held on the date asked about, if any.
	Role *Role
	// ExactType is set when the actor's type is the label asked about.
	ExactType bool
}

// Explain returns every actor name can stand for under label, best first: the first is
// what LookupOn returns.
func (g *Gazetteer) Explain(name, label, date string) []Match {
	if g == nil {
		return nil
	}
	key := NormName(name)
	var ms []Match
	for _, e := range g.byName[key] {
		a := e.actor
		if !e.fits(label) {
			continue
		}
		m := Match{Actor: a, Metonym: e.metonym, ExactType: a.Type == label}
		for _, n := range append(append(append([]string{a.Name}, a.Aliases...), a.Adjectives...), a.Capitals...) {
			if NormName(n) == key {
				m.Name = n
				break
			}
		}
		if date != "" {
			m.Role = heldRole(a, date)
		}
		ms = append(ms, m)
	}
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.ExactType != b.ExactType {
			return a.ExactType
		}
		if a.Role.rank() != b.Role.rank() {
			return a.Role.rank() > b.Role.rank()
		}
		return a.Actor.Source == "" && b.Actor.Source != ""
	})
	return ms
}

// ByID returns the actor with the gazetteer id or QID.
func (g *Gazetteer) ByID(id string) (*Actor, bool) {
	if g == nil {
		return nil, false
	}
	if a, ok := g.byID[id]; ok {
		return a, true
	}
	a, ok := g.byQID[id]
	return a, ok
}

// NormName folds a name for matching: lower case, accents and punctuation removed, spaces
// collapsed, a leading "the" dropped. "The Al-Nusra  Front" and "al nusra front" are equal.
func NormName(s string) string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < utf8.RuneSelf
	}
	if ascii {
		return normASCII(s)
	}
	return normUnicode(s)
}

// normUnicode is NormName rune by rune.
func normUnicode(s string) string {
	// NFC first: "ü" written as "u" and a combining diaeresis folds as "ü" does.
	s = ligatures.Replace(norm.NFC.String(s))
	var b strings.Builder
	space := true
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

// normASCII is NormName of an ASCII name, most names, byte by byte.
func normASCII(s string) string {
	b := make([]byte, 0, len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b = append(b, c)
			space = false
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
			space = false
		case c == '\'' || c == '.':
		default:
			if !space {
				b = append(b, ' ')
				space = true
			}
		}
	}
	if space && len(b) > 0 {
		b = b[:len(b)-1]
	}
	out := string(b)
	return strings.TrimPrefix(out, "the ")
}

// fold maps accented Latin letters to their base letter (FoldLetter) and apostrophe and
// dash variants to the ASCII ones. A few letters fold to two (ß → ss, æ → ae); NormName
// spells those out before folding.
func fold(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	if f, ok := punctuationFolds[r]; ok {
		return f
	}
	return FoldLetter(r)
}

var ligatures = strings.NewReplacer("ß", "ss", "ẞ", "SS", "æ", "ae", "Æ", "AE", "œ", "oe", "Œ", "OE", "ð", "d", "Ð", "D", "þ", "th", "Þ", "TH")

// punctuationFolds maps apostrophe and dash variants to the ASCII ones, for names.
var punctuationFolds = map[rune]rune{
	'ʼ': '\'', 'ʻ': '\'', 'ʿ': '\'', 'ʾ': '\'', '`': '\'', '´': '\'',
	'‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-',
}

// strokeFolds are Latin letters with a stroke, a bar, a hook or without their dot, which
// Unicode does not decompose into a base letter and a mark: Turkish ı, Polish ł, Nordic
// ø, Vietnamese and South Slavic đ, Maltese ħ, Hausa ɓ ɗ ƙ ƴ.
var strokeFolds = map[rune]rune{
	'ı': 'i', 'ł': 'l', 'Ł': 'L', 'ø': 'o', 'Ø': 'O', 'đ': 'd', 'Đ': 'D', 'ħ': 'h', 'Ħ': 'H',
	'ŧ': 't', 'Ŧ': 'T', 'ŀ': 'l', 'Ŀ': 'L', 'ŉ': 'n', 'ƀ': 'b', 'ɨ': 'i', 'ʉ': 'u', 'ƶ': 'z', 'Ƶ': 'Z',
	'ɓ': 'b', 'Ɓ': 'B', 'ɗ': 'd', 'Ɗ': 'D', 'ƙ': 'k', 'Ƙ': 'K', 'ƴ': 'y', 'Ƴ': 'Y',
}

// FoldLetter maps an accented Latin letter to its base letter ("ğ" → "g", "ệ" → "e",
// "ł" → "l") and leaves any other rune as it is; the annotator's tokens fold the same way
// names do. A letter folds when its canonical decomposition (Unicode NFD) is a Latin
// letter followed by combining marks only, however many are stacked; letters Unicode does
// not decompose fold by a table. Other scripts keep their letters: Cyrillic й and и, or
// Greek ά and α, stay distinct.
func FoldLetter(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	if f, ok := strokeFolds[r]; ok {
		return f
	}
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Properties(utf8.AppendRune(buf[:0], r)).Decomposition()
	if d == nil {
		return r
	}
	base, n := utf8.DecodeRune(d)
	if !unicode.Is(unicode.Latin, base) {
		return r
	}
	for _, m := range string(d[n:]) {
		if !unicode.Is(unicode.Mn, m) {
			return r
		}
	}
	return base
}

// checkedUntil is the date up to which the actor's open-ended roles were checked: its
// file's as-of date, else the gazetteer's.
func (a *Actor) checkedUntil(g *Gazetteer) string {
	if a.asOf != "" {
		return a.asOf
	}
	return g.AsOf
}

// TitleHolder reads text as a title without a name ("the US Secretary of State") and
// returns the person who held that office on date, the office's title, and whose office
// it is. ok is false when text is no such title or nobody is known to have held it then.
func (g *Gazetteer) TitleHolder(text, date string) (holder *Actor, role *Role, title string, of *Actor, ok bool) {
	t := g.parseTitled(text)
	if t.title == "" || t.name != "" || t.ofAct == nil || t.former {
		return nil, nil, t.title, t.ofAct, false
	}
	a, r, ok := g.Holder(t.title, t.ofAct, date)
	return a, r, t.title, t.ofAct, ok
}

package annotate

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/graph"
)

// kind is what a dictionary phrase is.
type kind uint8

const (
	kEntity   kind = iota + 1 // names an entity of a type
	kAdj                      // nationality adjective standing for a state (Russian)
	kCapital                  // capital standing for a state, or a place after a preposition
	kTitle                    // title before a person's name (foreign minister)
	kHead                     // group head after an actor (army, -led coalition)
	kVerb                     // relation trigger
	kCue                      // modality or negation cue
	kDate                     // a date phrase by itself (Monday, last month)
	kMonth                    // a month name, a date with a number or alone
	kPrep                     // locative preposition (in, near)
	kDet                      // determiner or preposition: the next word is a noun
	kParticle                 // lower-case particle inside a name (al, bin)
	kStop                     // capitalised word that is never a name (The, However)
)

var kindNames = map[string]kind{
	"entity": kEntity, "adjective": kAdj, "capital": kCapital, "title": kTitle, "head": kHead,
	"verb": kVerb, "cue": kCue, "date": kDate, "month": kMonth, "prep": kPrep, "det": kDet,
	"particle": kParticle, "stop": kStop,
}

// case requirements of one dictionary token.
const (
	caseAny   uint8 = iota
	caseCap         // the text token must start with a capital
	caseUpper       // the text token must be all capitals (an acronym: IS, UN)
)

// entry is one meaning of a dictionary phrase.
type entry struct {
	kind  kind
	typ   string // entity or head type; cue attribute
	rel   string // verb: relation type, "" for a phrase that blocks shorter triggers
	arg1  string // verb: where Arg1 is, alternatives in order (L, R)
	arg2  string // verb: where Arg2 is (L, R, or G: the other members of Arg1's list)
	attrs []string
	alone bool // head: may stand without an actor before it (the opposition)
	noun  bool // entity: an event noun that is also a verb (attacks, strikes)
	// adjacent: verb whose arguments are right next to it (talks "between" A and B)
	adjacent bool
	// denies: a phrase that denies the events after it in its sentence ("denied any role
	// in"): no relation is read from them.
	denies bool
	// tail: the words of a gapped trigger after its gap ("fired … at": "at"), folded and
	// joined by spaces; the trigger holds only when they follow within maxGap words.
	tail    string
	tailIDs []int32
	caseReq []uint8
	source  string // file:line, for messages
}

// Dictionary holds the phrases the annotator knows, compiled into a token trie.
type Dictionary struct {
	vocab   map[string]int32
	entries []entry
	nodes   [][]int32        // node → entries ending there
	edges   map[uint64]int32 // node<<32 | word → child node
	// plurals are the folded plurals of one-word nationality adjectives ("canadians"): the
	// people, not part of a name that follows ("Canadians Michael Kovrig").
	plurals map[string]bool
}

func newDictionary() *Dictionary {
	return &Dictionary{vocab: map[string]int32{}, nodes: [][]int32{nil}, edges: map[uint64]int32{}}
}

// add inserts phrase with meaning e. Phrases are split into tokens like article text, so
// "Al-Nusra Front" matches "al-Nusra front" and "Al Nusra Front" alike (case permitting).
func (d *Dictionary) add(phrase string, e entry) error {
	phrase = strings.TrimSpace(phrase)
	if len(phrase) > 4 && strings.EqualFold(phrase[:4], "the ") {
		phrase = strings.TrimSpace(phrase[4:])
	}
	tz := tokenizer{vocab: nil}
	toks := tz.tokens(phrase, nil)
	node := int32(0)
	n := 0
	e.caseReq = e.caseReq[:0]
	for _, t := range toks {
		if !t.is(fWord) {
			continue // punctuation inside a phrase is ignored in matching
		}
		w := foldString(phrase[t.bs:t.be])
		if r, _ := decode(phrase, int(t.bs)); isApostrophe(r) {
			w = "'s" // a possessive 's, as the tokenizer reads it in text ("People's Republic")
		}
		id, ok := d.vocab[w]
		if !ok {
			id = int32(len(d.vocab))
			d.vocab[w] = id
		}
		req := caseAny
		switch {
		case e.kind == kVerb || e.kind == kCue || e.kind == kDet || e.kind == kPrep || e.kind == kParticle || e.kind == kStop:
		case t.is(fUpper) && t.re-t.rs <= 6:
			req = caseUpper
		case t.is(fCap):
			req = caseCap
		}
		e.caseReq = append(e.caseReq, req)
		key := uint64(node)<<32 | uint64(uint32(id))
		child, ok := d.edges[key]
		if !ok {
			child = int32(len(d.nodes))
			d.nodes = append(d.nodes, nil)
			d.edges[key] = child
		}
		node = child
		n++
	}
	if n == 0 {
		return fmt.Errorf("%s: empty phrase", e.source)
	}
	// The same meaning twice (a name listed as alias and as name) is kept once.
	for _, i := range d.nodes[node] {
		if old := d.entries[i]; old.kind == e.kind && old.typ == e.typ && old.rel == e.rel && old.arg1 == e.arg1 && old.arg2 == e.arg2 && old.tail == e.tail {
			return nil
		}
	}
	e.caseReq = append([]uint8(nil), e.caseReq...)
	d.entries = append(d.entries, e)
	// A phrase loaded later comes first, so user dictionaries override built-in meanings.
	if len(d.nodes[node]) == 0 {
		d.nodes[node] = []int32{int32(len(d.entries) - 1)}
	} else {
		d.nodes[node] = append([]int32{int32(len(d.entries) - 1)}, d.nodes[node]...)
	}
	return nil
}

// wordID returns the vocabulary id of the folded word w, adding it when it is new.
func (d *Dictionary) wordID(w string) int32 {
	id, ok := d.vocab[w]
	if !ok {
		id = int32(len(d.vocab))
		d.vocab[w] = id
	}
	return id
}

// foldString folds a word as the tokenizer does, dropping apostrophes and dots.
func foldString(s string) string {
	var b []byte
	for _, r := range s {
		if isApostrophe(r) || r == '.' {
			continue
		}
		b = appendFold(b, r)
	}
	return string(b)
}

// AddGazetteer adds every actor of g: names and aliases as entities of the actor's type,
// nationality adjectives and capitals as metonyms.
func (d *Dictionary) AddGazetteer(g *graph.Gazetteer) error {
	if len(d.edges) == 0 {
		// Some 60,000 names of the built-in gazetteer: room for them up front saves
		// growing the trie's maps a dozen times.
		n := 0
		for _, a := range g.Actors {
			n += 1 + len(a.Aliases) + len(a.Adjectives) + len(a.Capitals)
		}
		d.edges = make(map[uint64]int32, 2*n)
		d.vocab = make(map[string]int32, n)
		d.nodes = make([][]int32, 1, 2*n)
		d.entries = make([]entry, 0, n)
	}
	for _, a := range g.Actors {
		if err := d.addActor(a, "gazetteer "+a.ID); err != nil {
			return err
		}
	}
	return nil
}

func (d *Dictionary) addActor(a *graph.Actor, src string) error {
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		if a.Source != "" && !distinctive(n, a.Type) || possessiveDescription(n) {
			continue
		}
		if err := d.add(n, entry{kind: kEntity, typ: a.Type, source: src}); err != nil {
			return err
		}
	}
	for _, n := range a.Adjectives {
		if err := d.add(n, entry{kind: kAdj, typ: a.Type, source: src}); err != nil {
			return err
		}
		if !strings.Contains(n, " ") {
			if d.plurals == nil {
				d.plurals = map[string]bool{}
			}
			d.plurals[foldString(n)+"s"] = true
		}
	}
	for _, n := range a.Capitals {
		if err := d.add(n, entry{kind: kCapital, typ: a.Type, source: src}); err != nil {
			return err
		}
	}
	return nil
}

// possessiveDescription reports whether a name is a possessor and a lower-case noun
// ("Russia's air force"): the annotator finds the two as mentions of their own, while
// "People's Republic of China" is one name.
func possessiveDescription(name string) bool {
	for _, ap := range []string{"'s ", "’s "} {
		if i := strings.Index(name, ap); i >= 0 {
			r, _ := utf8.DecodeRuneInString(name[i+len(ap):])
			return unicode.IsLower(r)
		}
	}
	return false
}

// distinctive reports whether a name from a dictionary (not hand-curated) is safe to
// look for in text: a person's name of two words or more (a bare surname or given name is
// left to the patterns that find it after a title or a full name), an acronym of two
// capitals or more, or any other name of four letters or more.
func distinctive(name, typ string) bool {
	ws := strings.Fields(name)
	if len(ws) == 0 {
		return false
	}
	if typ == "Person" {
		return len(ws) >= 2
	}
	if len(ws) > 1 {
		return true
	}
	letters, upper := 0, true
	for _, r := range name {
		if unicode.IsLetter(r) {
			letters++
			upper = upper && unicode.IsUpper(r)
		}
	}
	return letters >= 4 || upper && letters >= 2
}

// LoadActors reads actors in the gazetteer's JSON Lines format (see graph/gazetteer.jsonl)
// and adds their names. Only the names matter here; keys are the graph builder's business.
func (d *Dictionary) LoadActors(r io.Reader, name string) error {
	g := &graph.Gazetteer{}
	if err := g.Load(r, name); err != nil {
		return err
	}
	return d.AddGazetteer(g)
}

// LoadTSV reads a dictionary in the annotator's tab-separated format (see dict/README in
// the package documentation): KIND, PHRASE and the fields the kind takes. Blank lines and
// lines starting with # are skipped.
func (d *Dictionary) LoadTSV(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		f := strings.Split(text, "\t")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		e, err := parseTSVEntry(f, fmt.Sprintf("%s:%d", name, line))
		if err != nil {
			return err
		}
		phrase, err := e.splitGap(f[1])
		if err != nil {
			return err
		}
		for _, w := range strings.Fields(e.tail) {
			e.tailIDs = append(e.tailIDs, d.wordID(w))
		}
		if err := d.add(phrase, e); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

// parseTSVEntry reads the fields of one line (kind, phrase, fields…) at position pos.
func parseTSVEntry(f []string, pos string) (entry, error) {
	k, ok := kindNames[strings.ToLower(f[0])]
	if !ok {
		return entry{}, fmt.Errorf("%s: unknown kind %q (want one of entity, adjective, capital, title, head, verb, cue, date, month, prep, det, particle, stop)", pos, f[0])
	}
	if len(f) < 2 || f[1] == "" {
		return entry{}, fmt.Errorf("%s: %s needs a phrase", pos, f[0])
	}
	e := entry{kind: k, source: pos}
	need := func(n int, what string) error {
		if len(f) < n {
			return fmt.Errorf("%s: %s needs %s", pos, f[0], what)
		}
		return nil
	}
	var err error
	switch k {
	case kEntity, kAdj, kCapital, kHead:
		if err = need(3, "a type"); err == nil {
			err = e.parseTyped(f[2], f[3:], pos)
		}
	case kCue:
		if err = need(3, "an attribute (Negation, Speculation or Proposed)"); err == nil {
			err = e.parseCue(f[2], pos)
		}
	case kVerb:
		if err = need(5, "a relation, an Arg1 side and an Arg2 side"); err == nil {
			err = e.parseVerb(f[2], f[3], f[4], f[5:], pos)
		}
	}
	return e, err
}

// splitGap splits a trigger with a gap ("exchanged … prisoners", also written with
// "..."): the words before the gap are the phrase matched, those after it its tail.
func (e *entry) splitGap(phrase string) (string, error) {
	phrase = strings.ReplaceAll(phrase, "...", "…")
	head, tail, ok := strings.Cut(phrase, "…")
	if !ok {
		return phrase, nil
	}
	var words []string
	for _, w := range strings.Fields(tail) {
		words = append(words, foldString(w))
	}
	if e.kind != kVerb || strings.TrimSpace(head) == "" || len(words) == 0 || strings.Contains(tail, "…") {
		return "", fmt.Errorf("%s: a gap (…) goes once inside a verb phrase, with words on both sides", e.source)
	}
	e.tail = strings.Join(words, " ")
	return head, nil
}

// parseTyped reads the type and flags (alone, noun) of an entity, adjective, capital or head.
func (e *entry) parseTyped(typ string, flags []string, pos string) error {
	l, err := graph.Label(typ)
	if err != nil {
		return fmt.Errorf("%s: %v", pos, err)
	}
	e.typ = l
	for _, fl := range flags {
		switch fl {
		case "alone":
			e.alone = true
		case "noun":
			e.noun = true
		case "":
		default:
			return fmt.Errorf("%s: unknown flag %q (want alone or noun)", pos, fl)
		}
	}
	return nil
}

// parseCue reads the attribute a cue sets.
func (e *entry) parseCue(attr, pos string) error {
	switch attr {
	case "Negation", "Speculation", "Proposed":
		e.typ = attr
		return nil
	}
	return fmt.Errorf("%s: cue attribute %q is not Negation, Speculation or Proposed", pos, attr)
}

// parseVerb reads a trigger's relation, argument sides and flags.
func (e *entry) parseVerb(rel, arg1, arg2 string, flags []string, pos string) error {
	if rel != "-" {
		if _, ok := schema[rel]; !ok {
			return fmt.Errorf("%s: relation %q is not in the schema (examples/annotation.conf)", pos, rel)
		}
		e.rel = rel
	}
	for i, side := range []string{arg1, arg2} {
		if strings.Trim(side, "LRGWBPEIV|") != "" || side == "" || i == 0 && strings.ContainsAny(side, "GWEV") || i == 1 && strings.ContainsAny(side, "BP") {
			return fmt.Errorf("%s: argument side %q: use L, R, B, P or I (Arg1), G, W, E or I (Arg2), alternatives joined by |", pos, side)
		}
	}
	e.arg1, e.arg2 = strings.ReplaceAll(arg1, "|", ""), strings.ReplaceAll(arg2, "|", "")
	for _, fl := range flags {
		for _, a := range strings.Split(fl, ",") {
			switch a = strings.TrimSpace(a); a {
			case "Negation", "Speculation", "Proposed":
				e.attrs = append(e.attrs, a)
			case "adjacent":
				e.adjacent = true
			case "denies":
				e.denies = true
			case "":
			default:
				return fmt.Errorf("%s: unknown verb flag %q (want Negation, Speculation, Proposed, adjacent or denies)", pos, a)
			}
		}
	}
	return nil
}

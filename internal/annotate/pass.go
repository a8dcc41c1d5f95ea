package annotate

import (
	"slices"
	"sort"
	"strings"

	"github.com/dipgraph/dipgraph/ingest"
)

// pass holds the state of annotating one text.
type pass struct {
	an    *Annotator
	d     *Dictionary
	text  string
	toks  []token
	names []item
	at    []int32 // token → index+1 of the name item starting there, 0 for none
	ms    []mention
	// surnames of people introduced with a title, so later bare surnames are people too:
	// 1 + the start token of the name that introduced each
	surnames map[string]int32
	// surnames that are not the last word of the full name (Kim of Kim Jong Un, Marcos of
	// Ferdinand Marcos Jr): the resolver does not join them to it, so the text ties them
	tieSurname map[string]bool
	// names of armed groups no dictionary knows, found before a group noun ("the M23
	// rebel group"), so that their later bare uses are mentions too
	groups map[string]bool
	// names: clusters of mentions (by start token) of one actor named in full and by its
	// acronym ("the Revolutionary Armed Forces of Colombia (FARC)" … "the FARC")
	nameClusters [][]int32
	// upper indexes the all-capitals tokens by their text (built on first use), and
	// acrDone the acronyms whose later uses are already found
	upper   map[string][]int32
	acrDone map[string]bool
	// alone indexes the capitalised words that stand by themselves by their text (built
	// on first use): a name whose surname stands alone elsewhere is a person's
	alone map[string][]int32
	// verbAt marks the tokens where a verb of the dictionaries starts
	verbAt []bool
}

// span is a range of tokens [s, e).
type span struct{ s, e int32 }

func (p *pass) itemAt(i int32) *item {
	if i < 0 || i >= int32(len(p.at)) || p.at[i] == 0 {
		return nil
	}
	return &p.names[p.at[i]-1]
}

// has returns the first entry of kind k of it, or nil.
func (p *pass) has(it *item, k kind) *entry {
	if it == nil {
		return nil
	}
	for _, ei := range it.ents {
		if e := &p.d.entries[ei]; e.kind == k {
			return e
		}
	}
	return nil
}

// isActor reports whether the item names a state, organisation or other actor (not an event).
func (p *pass) isActor(it *item) bool {
	if e := p.has(it, kEntity); e != nil && !eventTypes[e.typ] && e.typ != "Location" && e.typ != "Date" {
		return true
	}
	return p.has(it, kCapital) != nil
}

// groupsForces reports whether a state's force head h follows the name of an armed group
// (it): "Houthi forces", "M23 troops" are the group itself, named alone.
func (p *pass) groupsForces(it *item, h *entry) bool {
	e := p.has(it, kEntity)
	return h.typ == "ArmedForce" && e != nil && e.typ == "ArmedGroup"
}

// word reports whether token i is the single-word dictionary phrase of kind k.
func (p *pass) wordIs(i int32, k kind) bool {
	it := p.itemAt(i)
	return it != nil && it.e == i+1 && p.has(it, k) != nil
}

// sentences splits the tokens into sentences: at a blank line, and after . ! or ? (and
// closing quotes) before a capital, digit or opening quote, unless the stop ends an
// abbreviation or an initial.
func (p *pass) sentences() []span {
	var out []span
	start := int32(0)
	n := int32(len(p.toks))
	for k := int32(1); k < n; k++ {
		t := &p.toks[k]
		cut := t.is(fPara)
		if !cut {
			j := k - 1
			for j > start && strings.ContainsRune(`"'”’)]»`, p.toks[j].punct) && p.toks[j].punct != 0 {
				j--
			}
			if pj := p.toks[j].punct; (pj == '.' || pj == '!' || pj == '?') &&
				(t.is(fWord) && (t.is(fCap) || t.is(fDigit)) || strings.ContainsRune(`"“‘'(«`, t.punct) && t.punct != 0) {
				cut = !(pj == '.' && j > start && p.abbreviation(j-1) && p.toks[j-1].be == p.toks[j].bs)
			}
		}
		if cut {
			out = append(out, span{start, k})
			start = k
		}
	}
	if start < n {
		out = append(out, span{start, n})
	}
	return out
}

func (p *pass) abbreviation(i int32) bool {
	t := &p.toks[i]
	if !t.is(fWord) {
		return false
	}
	if t.re-t.rs == 1 && t.is(fCap) {
		return true
	}
	return t.re-t.rs <= 5 && ingest.Abbreviation(strings.ToLower(p.text[t.bs:t.be]))
}

// add records a mention unless it would cross a line break (brat keeps a mention's text on
// one line).
func (p *pass) add(s, e int32, typ string) {
	for k := s + 1; k < e; k++ {
		if p.toks[k].is(fNewline) {
			return
		}
	}
	p.ms = append(p.ms, mention{s: s, e: e, typ: typ})
}

// mentions finds the mentions, left to right, longest pattern first.
func (p *pass) mentions(sents []span) {
	n := int32(len(p.toks))
	sentStart := make([]bool, n+1)
	for _, s := range sents {
		sentStart[s.s] = true
	}
	p.surnames = map[string]int32{}
	p.tieSurname = map[string]bool{}
	p.ms = make([]mention, 0, len(p.names)/2+8)
	for i := int32(0); i < n; {
		i = p.mentionFrom(i, sentStart)
	}
	if len(p.surnames) > 0 {
		p.bareSurnames()
	}
	if len(p.groups) > 0 {
		p.bareGroups()
	}
}

// mentionFrom adds the mention that starts at token i, if any, and returns the token where
// the search goes on.
func (p *pass) mentionFrom(i int32, sentStart []bool) int32 {
	if e, ok := p.formerPerson(i); ok {
		p.add(i, e, "Person")
		return e
	}
	if name, e, ok := p.person(i); ok {
		if i > 0 && p.toks[i-1].word == p.an.wThe && !p.toks[name-1].is(fCap) && p.has(p.itemAt(i), kAdj) == nil {
			// "the arms dealer Viktor Bout": a description (kept after a nationality).
			p.add(name, e, "Person")
		} else {
			p.add(i, e, "Person")
		}
		return e
	}
	if e, ok := p.date(i); ok {
		p.add(i, e, "Date")
		return e
	}
	if e, typ, ok := p.nameByShape(i); ok {
		p.add(i, e, typ)
		return e
	}
	it := p.itemAt(i)
	if it == nil {
		if e, typ, ok := p.unknownName(i); ok {
			p.add(i, e, typ)
			return e
		}
		return i + 1
	}
	if s, e, ok := p.namedOpposition(it); ok {
		p.add(s, e, "Opposition")
		return e
	}
	// An actor or nationality before a group head: Syrian army, US-led coalition.
	if next := p.itemAt(it.e); next != nil && (p.has(it, kAdj) != nil || p.isActor(it)) && !p.toks[it.e].is(fNewline) {
		if h := p.has(next, kHead); h != nil && !p.modifier(next.e) && !p.groupsForces(it, h) {
			p.add(i, next.e, h.typ)
			return next.e
		}
	}
	if h := p.has(it, kHead); h != nil && p.possessed(i) && !p.modifier(it.e) {
		// "Russia's air force": the possessor is a mention of its own.
		p.add(i, it.e, h.typ)
		return it.e
	}
	if h := p.has(it, kHead); h != nil && p.definiteForce(i, it, h) {
		p.add(i, it.e, h.typ)
		return it.e
	}
	if h := p.has(it, kHead); h != nil && i > 0 && p.toks[i-1].word == p.an.wThe && p.definiteGroup(i, it, h) {
		return it.e
	}
	if h := p.has(it, kHead); h != nil && h.alone && !p.modifier(it.e) {
		p.add(i, it.e, h.typ)
		return it.e
	}
	if en := p.has(it, kEntity); en != nil {
		p.entityMention(i, it, en, sentStart)
		return it.e
	}
	if c := p.has(it, kCapital); c != nil {
		typ := c.typ
		j := i - 1
		if j > 0 && (p.toks[j].word == p.an.wThe || p.isWord(j, "a")) {
			j-- // "at the White House", "at a Moscow airport"
		}
		if !p.officialsIn(i) && (j >= 0 && p.wordIs(j, kPrep) || p.placeByContext(i)) {
			typ = "Location"
		}
		p.add(i, it.e, typ)
	}
	return it.e
}

// definiteGroup adds the mention of a group head after "the" at token i, if it is one,
// and reports whether it did: "the police", "the rebels" for the group named before (tied
// to it), "the government" by itself for the one the story is about ("talks between the
// government and the rebels").
func (p *pass) definiteGroup(i int32, it *item, h *entry) bool {
	if ante, ok := p.antecedent(h.typ, i); ok {
		p.add(i, it.e, h.typ)
		p.nameClusters = append(p.nameClusters, []int32{ante, i})
		return true
	}
	if it.e == i+1 && p.isWord(i, "government") && p.nounEnds(it.e) {
		p.add(i, it.e, h.typ)
		return true
	}
	return false
}

// wordsAfterNoun may follow a noun that ends its phrase ("the government said", "the
// government of Mali"), unlike a noun it modifies ("the government buildings").
var wordsAfterNoun = map[string]bool{"of": true, "and": true, "or": true, "has": true, "had": true,
	"have": true, "was": true, "were": true, "is": true, "are": true, "said": true, "says": true,
	"would": true, "will": true, "could": true, "to": true, "in": true, "on": true, "at": true,
	"for": true, "which": true, "that": true, "with": true, "over": true, "after": true,
	"before": true, "since": true, "by": true, "as": true, "from": true, "but": true, "then": true}

// nounEnds reports whether the noun before token i ends its phrase: punctuation, a
// capitalised word or one of wordsAfterNoun follows, or the end of the text.
func (p *pass) nounEnds(i int32) bool {
	if int(i) >= len(p.toks) {
		return true
	}
	t := &p.toks[i]
	return !t.is(fWord) || t.is(fCap) || wordsAfterNoun[foldString(p.text[t.bs:t.be])]
}

// antecedent returns the start of the nearest mention of type typ before token i, at
// most maxRefDistance tokens back.
func (p *pass) antecedent(typ string, i int32) (int32, bool) {
	for k := len(p.ms) - 1; k >= 0; k-- {
		m := p.ms[k]
		if i-m.e > maxRefDistance {
			break
		}
		if m.typ == typ {
			return m.s, true
		}
	}
	// Further back, the same group noun after "the" is the same group ("The junta, which
	// calls itself …" … "The junta imposed a curfew"), and so is a longer mention that ends
	// with it ("The Colombian government …" … "the government").
	w := foldString(p.text[p.toks[i].bs:p.toks[i].be])
	for k := len(p.ms) - 1; k >= 0; k-- {
		m := p.ms[k]
		if m.typ != typ || m.ref != 0 || foldString(p.text[p.toks[m.e-1].bs:p.toks[m.e-1].be]) != w {
			continue
		}
		if m.e > m.s+1 || m.s > 0 && p.toks[m.s-1].word == p.an.wThe {
			return m.s, true
		}
	}
	return 0, false
}

// modifiedNouns after a group noun make it a modifier: "a Russian military contractor",
// "the opposition journalist".
var modifiedNouns = map[string]bool{"contractor": true, "contractors": true, "journalist": true,
	"journalists": true, "leader": true, "leaders": true, "figure": true, "figures": true,
	"politician": true, "politicians": true, "activist": true, "activists": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "commander": true, "commanders": true, "chief": true,
	"candidate": true, "lawmaker": true, "lawmakers": true, "newspaper": true, "television": true}

// modifier reports whether the word at token i is one of modifiedNouns, so that the group
// noun before it is no mention of its own.
func (p *pass) modifier(i int32) bool {
	if int(i) >= len(p.toks) {
		return false
	}
	t := &p.toks[i]
	return t.is(fWord) && !t.is(fCap) && modifiedNouns[foldString(p.text[t.bs:t.be])]
}

// entityMention adds the mention of a dictionary entity at token i.
func (p *pass) entityMention(i int32, it *item, en *entry, sentStart []bool) {
	if en.typ == "Person" && it.e-i > 1 {
		p.addSurnames(i, it.e)
	}
	if s, ok := p.longerName(i, it, sentStart); ok {
		// "the country's National Security Council" is not the UN's: a name of its own.
		p.add(s, it.e, en.typ)
	} else if (en.typ == "ArmedForce" || en.typ == "Opposition") && p.modifier(it.e) {
		// "a Russian military contractor", "the opposition journalist": no mention.
	} else if !en.noun || sentStart[i] || p.nounContext(i) {
		typ := en.typ
		if typ == "State" && (p.placeOfState(i, it.e) || p.placeByContext(i) && !p.compounded(it.e)) {
			typ = "Location"
		}
		e := it.e
		switch typ {
		case "Location":
			e = p.withPlaceNoun(e)
		case "Person":
			e = p.particleTail(e)
		}
		p.add(i, e, typ)
	}
}

// placeOfState reports whether the state named over tokens [s, e) is a place there, as a
// capital is: right after "in" (or "into", "across", "inside", "throughout"), not in a
// compound or a possessive ("in Yemen", not "in China-brokered talks" or "in Iran's").
func (p *pass) placeOfState(s, e int32) bool {
	if s == 0 || !p.toks[s-1].is(fWord) {
		return false
	}
	if s > 1 && p.toks[s-1].word == p.an.wThe && p.isWord(s-2, "to") {
		s-- // "on to the United States"
	}
	switch foldString(p.text[p.toks[s-1].bs:p.toks[s-1].be]) {
	case "in", "into", "across", "inside", "throughout":
	case "to":
		if !p.movedTo(s - 1) {
			return false
		}
	default:
		return false
	}
	return !p.compounded(e)
}

// compounded reports whether the name ending before token e goes on in a compound or a
// possessive: "China-brokered", "Iran's".
func (p *pass) compounded(e int32) bool {
	if int(e) < len(p.toks) {
		next := &p.toks[e]
		return next.is(fHyphen) || next.is(fWord) && next.bs == p.toks[e-1].be
	}
	return false
}

// motionVerbs before "to" make the state after it a destination: "flew to Doha and on to
// the United States", "was extradited to the United States".
var motionVerbs = map[string]bool{"flew": true, "travelled": true, "traveled": true, "went": true,
	"returned": true, "extradited": true, "deported": true, "fled": true, "moved": true, "on": true}

// movedTo reports whether "to" at token k follows a verb of motion ("flew to", "on to").
func (p *pass) movedTo(k int32) bool {
	return k > 0 && p.toks[k-1].is(fWord) && motionVerbs[foldString(p.text[p.toks[k-1].bs:p.toks[k-1].be])]
}

// bareSurnames adds the bare surnames of people named in full elsewhere in the article.
func (p *pass) bareSurnames() {
	n := int32(len(p.toks))
	var ties [][2]int32 // name start, bare surname start
	covered := make([]bool, n)
	for _, m := range p.ms {
		for k := m.s; k < m.e; k++ {
			covered[k] = true
		}
	}
	for i := int32(0); i < n; i++ {
		t := &p.toks[i]
		if covered[i] || !t.is(fCap) || t.is(fHyphen) || p.itemAt(i) != nil {
			continue
		}
		if p.surnames[foldString(p.text[t.bs:t.be])] > 0 {
			// "Brittney Griner" later in the text, or before its full introduction, is one
			// mention, not two.
			e := i + 1
			for e < n && !covered[e] && p.toks[e].is(fCap) && !p.toks[e].is(fNewline) && p.itemAt(e) == nil &&
				p.surnames[foldString(p.text[p.toks[e].bs:p.toks[e].be])] > 0 {
				e++
			}
			p.add(i, e, "Person")
			if w := foldString(p.text[t.bs:t.be]); p.tieSurname[w] {
				ties = append(ties, [2]int32{p.surnames[w] - 1, i})
			}
			i = e - 1
		}
	}
	slices.SortFunc(p.ms, func(a, b mention) int { return int(a.s - b.s) })
	// A bare surname that is not the last word of the full name is tied to it: "Marcos" is
	// Ferdinand Marcos Jr, "Kim" is Kim Jong Un.
	for _, t := range ties {
		if m, ok := p.mentionAt(t[0]); ok && m.typ == "Person" && m.s != t[1] {
			p.nameClusters = append(p.nameClusters, []int32{m.s, t[1]})
		}
	}
}

// namedAfterTitle matches a name of two to four capitalised words set off by a comma after
// a title: "the French ambassador, Joël Meyer, …", "Iran's foreign minister, Hossein
// Amir-Abdollahian, said".
func (p *pass) namedAfterTitle(i int32) (int32, bool) {
	if i < 2 || p.toks[i-1].punct != ',' || !p.toks[i].is(fCap) {
		return 0, false
	}
	if t := p.itemAt(p.itemStartBefore(i - 1)); t == nil || t.e != i-1 || p.has(t, kTitle) == nil {
		return 0, false
	}
	k, count := p.nameRun(i, false)
	if count < 2 || count > 4 || int(k) >= len(p.toks) || p.toks[k].punct != ',' && p.toks[k].punct != '.' {
		return 0, false
	}
	p.addSurnames(i, k)
	return k, true
}

// itemStartBefore returns the start of the dictionary item that ends at token e (exclusive),
// or -1: the title of "the French ambassador," ends at the comma.
func (p *pass) itemStartBefore(e int32) int32 {
	for s := e - 1; s >= 0 && s >= e-4; s-- {
		if it := p.itemAt(s); it != nil && it.e == e {
			return s
		}
	}
	return -1
}

// groupNouns after an unknown name make it an armed group: "the M23 rebel group".
var groupNouns = map[string]bool{"rebel": true, "rebels": true, "militia": true, "militias": true,
	"militants": true, "fighters": true, "insurgents": true, "guerrillas": true, "guerrilla": true,
	"jihadists": true, "armed": true, "militant": true, "insurgent": true}

// peoples are names of peoples (not states) that name the armed groups drawn from them:
// "Kurdish fighters", "Tuareg rebels", "Fulani militias".
var peoples = map[string]bool{"kurdish": true, "pashtun": true, "baloch": true, "baluch": true,
	"tuareg": true, "hutu": true, "tutsi": true, "druze": true, "alawite": true, "uyghur": true,
	"uighur": true, "tamil": true, "chechen": true, "yazidi": true, "shia": true, "shiite": true,
	"sunni": true, "arab": true, "berber": true, "amhara": true, "oromo": true, "tigrayan": true,
	"fulani": true, "rohingya": true, "kachin": true, "karen": true, "dinka": true, "nuer": true,
	"turkmen": true, "masalit": true, "zaghawa": true, "hazara": true}

// peopleForces after a people's name make an armed group too: "Kurdish forces".
var peopleForces = map[string]bool{"forces": true, "troops": true, "units": true, "groups": true}

// unknownGroup matches one to three capitalised words or letter-and-digit names (M23) no
// dictionary knows, before a group noun: "M23 fighters", "the Wagner militia".
func (p *pass) unknownGroup(i int32) (int32, bool) {
	n := int32(len(p.toks))
	if i > 0 && p.toks[i-1].is(fCap) && p.toks[i-1].is(fWord) && !p.sentStartAt(i-1) {
		return 0, false
	}
	k, words := i, 0
	for k < n && p.itemAt(k) == nil {
		t := &p.toks[k]
		attached := k > i && p.toks[k-1].be == t.bs
		if !t.is(fWord) || !(t.is(fCap) || attached && (t.is(fDigit) || t.is(fHyphen))) || k > i && t.is(fNewline) {
			break
		}
		if !attached {
			words++
		}
		k++
	}
	if words == 0 || words > 3 || k >= n || !p.toks[k].is(fWord) || p.toks[k].is(fCap) {
		return 0, false
	}
	noun := foldString(p.text[p.toks[k].bs:p.toks[k].be])
	people := words == 1 && k == i+1 && peoples[foldString(p.text[p.toks[i].bs:p.toks[i].be])]
	if !groupNouns[noun] && !(people && peopleForces[noun]) {
		return 0, false
	}
	if people {
		// A group named by a people is named with its noun: "Kurdish fighters", "Tuareg
		// rebels"; the people's name alone is no group.
		return k + 1, true
	}
	for j := i; j < k; j++ {
		if p.surnames[foldString(p.text[p.toks[j].bs:p.toks[j].be])] > 0 {
			return 0, false
		}
	}
	if p.groups == nil {
		p.groups = map[string]bool{}
	}
	p.groups[p.text[p.toks[i].bs:p.toks[k-1].be]] = true
	return k, true
}

// bareGroups adds the later (or earlier) bare uses of armed groups found by unknownGroup.
func (p *pass) bareGroups() {
	n := int32(len(p.toks))
	var uses []span
	for name := range p.groups {
		var cluster []int32
		for off := 0; ; {
			j := strings.Index(p.text[off:], name)
			if j < 0 {
				break
			}
			bs := int32(off + j)
			off += j + len(name)
			s, ok := slices.BinarySearchFunc(p.toks, bs, func(t token, b int32) int { return int(t.bs - b) })
			if !ok {
				continue
			}
			e := int32(s)
			for e < n && p.toks[e].be <= int32(off) {
				e++
			}
			if p.toks[e-1].be != int32(off) || e < n && p.toks[e].bs == int32(off) && p.toks[e].is(fWord) {
				continue
			}
			if off+1 < len(p.text) && p.text[off] == '-' && p.text[off+1] != ' ' {
				continue // "the Kurdish-led forces": a modifier, no use of the name
			}
			if m, ok := p.mentionAt(int32(s)); ok {
				if m.s == int32(s) && m.typ == "ArmedGroup" {
					cluster = append(cluster, m.s) // the use that named it
				}
				continue
			}
			uses = append(uses, span{int32(s), e})
			cluster = append(cluster, int32(s))
		}
		if len(cluster) > 1 {
			p.nameClusters = append(p.nameClusters, cluster)
		}
	}
	// Added only now: mentionAt above needs p.ms sorted.
	for _, u := range uses {
		p.add(u.s, u.e, "ArmedGroup")
	}
	slices.SortFunc(p.ms, func(a, b mention) int { return int(a.s - b.s) })
}

// placeNouns end the names of places: the Galwan Valley, the Strait of Hormuz.
var placeNouns = map[string]bool{"valley": true, "province": true, "region": true, "strait": true,
	"shoal": true, "reef": true, "atoll": true, "lake": true, "canal": true, "square": true, "gulf": true,
	"archipelago": true, "monument": true,
	"sea": true, "island": true, "islands": true, "peninsula": true, "river": true, "mountains": true,
	"desert": true, "corridor": true, "plateau": true, "heights": true, "district": true, "county": true}

// notPlacePreps are prepositions after which an unknown name is as often a body or a person
// as a place ("of", "to").
var notPlacePreps = map[string]bool{"of": true, "to": true}

// unknownPlace matches a place no dictionary knows: one to four capitalised words after a
// locative preposition ("near Debaltseve", "in the Galwan Valley"), or ending in a place
// noun ("the Galwan Valley"). Words that name a person of the article are never a place.
func (p *pass) unknownPlace(i int32) (int32, bool) {
	t := &p.toks[i]
	if !t.is(fWord) || !t.is(fCap) || t.is(fUpper) || t.is(fHyphen) || i > 0 && p.toks[i-1].is(fCap) && p.toks[i-1].is(fWord) {
		return 0, false
	}
	k, count := p.nameRun(i, false)
	if count == 0 || count > 4 || k < int32(len(p.toks)) && p.toks[k].is(fWord) && p.toks[k].is(fCap) {
		return 0, false
	}
	for j := i; j < k; j++ {
		if p.surnames[foldString(p.text[p.toks[j].bs:p.toks[j].be])] > 0 {
			return 0, false
		}
	}
	last := &p.toks[k-1]
	if count > 1 && placeNouns[foldString(p.text[last.bs:last.be])] {
		return k, true
	}
	j := i - 1
	if j >= 0 && p.toks[j].word == p.an.wThe {
		return 0, false // "in the …" names a place only with a place noun
	}
	if j > 0 && p.toks[j].word == p.an.wOf && settlementNouns[foldString(p.text[p.toks[j-1].bs:p.toks[j-1].be])] {
		return k, true // "the railway town of Debaltseve"
	}
	if j > 0 && p.toks[j].word == p.an.wAnd && p.settledBefore(j) {
		return k, true // "the border towns of Ras al-Ain and Tal Abyad"
	}
	if j < 0 || !p.wordIs(j, kPrep) || notPlacePreps[foldString(p.text[p.toks[j].bs:p.toks[j].be])] {
		return 0, false
	}
	return k, true
}

// settlementNouns before "of" introduce a place's name: the town of, the province of.
var settlementNouns = map[string]bool{"town": true, "city": true, "village": true, "port": true,
	"province": true, "region": true, "district": true, "island": true, "enclave": true,
	"towns": true, "cities": true, "villages": true, "ports": true, "provinces": true,
	"regions": true, "districts": true, "islands": true}

// settledBefore reports whether a place that a settlement noun and "of" introduce ends
// right before token j ("the towns of Ras al-Ain and …").
func (p *pass) settledBefore(j int32) bool {
	m, ok := p.mentionAt(j - 1)
	if !ok || m.typ != "Location" || m.e != j || m.s < 2 || p.toks[m.s-1].word != p.an.wOf {
		return false
	}
	return settlementNouns[foldString(p.text[p.toks[m.s-2].bs:p.toks[m.s-2].be])]
}

// nounContext reports whether the word at i, which may be a noun or a verb (attacks,
// strikes), follows a determiner, preposition, adjective or number, making it a noun.
func (p *pass) nounContext(i int32) bool {
	if i == 0 {
		return true
	}
	prev := i - 1
	t := &p.toks[prev]
	if t.is(fDigit) {
		return true
	}
	if w := p.text[t.bs:t.be]; w == "'s" || w == "’s" || t.is(fCap) && !p.sentStartAt(prev) {
		return true // "Tuesday's meeting", "a NATO meeting"
	}
	it := p.itemAt(prev)
	if it == nil || it.e != i {
		return false
	}
	return p.has(it, kDet) != nil || p.has(it, kPrep) != nil || p.has(it, kAdj) != nil
}

// sentStartAt reports whether token i opens a sentence or a paragraph (a capital there
// says nothing about a name).
func (p *pass) sentStartAt(i int32) bool {
	if i == 0 || p.toks[i].is(fPara) {
		return true
	}
	pt := p.toks[i-1].punct
	return pt == '.' || pt == '!' || pt == '?' || pt == '"' || pt == '“'
}

// person matches a title before a name: [nationality or actor] title... name, where the
// name is a known person or up to four capitalised words no dictionary claims. It returns
// where the name starts and where the match ends.
func (p *pass) person(i int32) (int32, int32, bool) {
	it := p.itemAt(i)
	if it == nil {
		return 0, 0, false
	}
	j := i
	if p.has(it, kTitle) == nil {
		if p.has(it, kAdj) == nil && !p.isActor(it) {
			return 0, 0, false
		}
		j = it.e
		// Capitalised words of an office no dictionary lists may come between the
		// nationality and a title: "Indian External Affairs Minister".
		// So may up to two lower-case words of a description: "Ukrainian film director".
		for k := j; k < j+3 && k < int32(len(p.toks)) && p.itemAt(k) == nil && p.descriptive(i, j, k); k++ {
			if p.has(p.itemAt(k+1), kTitle) != nil {
				j = k + 1
				break
			}
		}
		if p.has(p.itemAt(j), kTitle) == nil && (p.has(it, kEntity) == nil || !p.endsInTitle(it)) {
			return 0, 0, false
		}
	}
	for {
		t := p.itemAt(j)
		if p.has(t, kTitle) == nil {
			break
		}
		j = t.e
	}
	n := int32(len(p.toks))
	if j >= n || p.toks[j].is(fNewline) {
		return 0, 0, false
	}
	if t := p.itemAt(j); t != nil {
		if en := p.has(t, kEntity); en != nil && en.typ == "Person" {
			if t.e-j > 1 {
				p.addSurnames(j, t.e)
			}
			return j, p.particleTail(t.e), true
		}
	}
	k, count := p.nameRun(j, true)
	if count == 0 || count > 5 {
		return 0, 0, false
	}
	p.addSurnames(j, k)
	return j, k, true
}

// descriptive reports whether token k, no dictionary's name, may stand between a
// nationality at i and a title that starts at most at j+2: a capitalised word of an
// office, or, after "the" and a nationality, one of two lower-case words of a
// description that is no verb ("the Ukrainian film director").
func (p *pass) descriptive(i, j, k int32) bool {
	t := &p.toks[k]
	if !t.is(fWord) || t.is(fUpper) {
		return false
	}
	if t.is(fCap) {
		return true
	}
	return k < j+2 && i > 0 && p.toks[i-1].word == p.an.wThe && p.has(p.itemAt(i), kAdj) != nil && k > 0 && p.toks[k-1].is(fWord) && !p.verbAt[k]
}

// endsInTitle reports whether a name item ends in a title: dictionaries list offices as
// actors ("US Vice-President"), and before a name such an office is the person's title.
func (p *pass) endsInTitle(it *item) bool {
	for k := it.s + 1; k < it.e; k++ {
		node, ok := int32(0), true
		for w := k; w < it.e && ok; w++ {
			node, ok = p.d.edges[uint64(node)<<32|uint64(uint32(p.toks[w].word))]
		}
		if !ok {
			continue
		}
		for _, ei := range p.d.nodes[node] {
			if p.d.entries[ei].kind == kTitle {
				return true
			}
		}
	}
	return false
}

// nameRun scans the capitalised words of an unknown name from token j: particles inside
// it (bin, al), the second halves of hyphenated given names (Kim Dae-jung) and, with
// knownTail, a known person's name that ends it ("President Abd-Rabbu Mansour Hadi"). It
// returns where the name ends and how many words it has.
func (p *pass) nameRun(j int32, knownTail bool) (int32, int) {
	n := int32(len(p.toks))
	k, count := j, 0
	for k < n {
		t := &p.toks[k]
		if !t.is(fWord) || t.is(fDigit) || k > j && t.is(fNewline) {
			break
		}
		if it := p.itemAt(k); it != nil {
			if p.has(it, kParticle) != nil && count > 0 && k+1 < n && p.toks[k+1].is(fCap) {
				k++
				continue
			}
			if p.has(it, kTitle) != nil && count > 0 && it.e == k+1 && t.is(fCap) && k+1 < n && p.toks[k+1].is(fCap) && p.itemAt(k+1) == nil {
				// "Hassan Sheikh Mohamud": a title word inside a name is part of it.
				k++
				count++
				continue
			}
			if en := p.has(it, kEntity); knownTail && en != nil && en.typ == "Person" && count > 0 && count+int(it.e-k) <= 4 {
				count += int(it.e - k)
				k = it.e
				continue
			}
			if en := p.has(it, kEntity); knownTail && en != nil && en.typ == "Location" && count > 0 && count+int(it.e-k) <= 4 && !p.isActor(it) {
				// "Foreign Minister Pham Binh Minh": a town's name inside a titled name.
				count += int(it.e - k)
				k = it.e
				continue
			}
			break
		}
		if t.is(fHyphen) && k > j {
			k++
			continue
		}
		if !t.is(fCap) || t.is(fUpper) && t.re-t.rs > 1 {
			break
		}
		k++
		count++
	}
	return k, count
}

// generational are the suffixes after a surname (Jr, Sr, II).
var generational = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// addSurnames records the first and last words of the name over tokens [j, k), so that
// later bare uses ("Abiy", "Kim") are the same person. The last word is the surname in
// most names, the first in some (Kim Jong Un). Titles (Sheikh, Mullah) are never keys, and
// the tail of a hyphenated word is not a name by itself.
func (p *pass) addSurnames(j, k int32) {
	last := k - 1
	for last > j && generational[foldString(p.text[p.toks[last].bs:p.toks[last].be])] {
		last-- // "Ferdinand Marcos Jr": the surname is Marcos
	}
	for _, w := range []int32{j, last} {
		t := &p.toks[w]
		if t.is(fHyphen) || p.has(p.itemAt(w), kTitle) != nil || p.has(p.itemAt(w), kParticle) != nil {
			continue
		}
		if word := foldString(p.text[t.bs:t.be]); p.surnames[word] == 0 {
			p.surnames[word] = j + 1
			if w != k-1 {
				p.tieSurname[word] = true
			}
		}
	}
}

// apposition matches an unknown name of two to four capitalised words followed by a comma
// and a description ("Paul Whelan, a former Marine"; "Ali Shamkhani, the secretary of"):
// news introduces people so.
func (p *pass) apposition(i int32) (int32, bool) {
	n := int32(len(p.toks))
	if i > 0 && p.toks[i-1].is(fCap) && p.toks[i-1].is(fWord) {
		return 0, false
	}
	k, count := p.nameRun(i, false)
	if count < 2 || count > 4 || k+2 >= n || p.toks[k].punct != ',' {
		return 0, false
	}
	ok, titled := p.describes(k + 1)
	if !ok {
		return 0, false
	}
	if i > 0 && p.wordIs(i-1, kPrep) {
		return 0, false // "in Nagorno Karabakh, a disputed region": a place
	}
	// The description names a person, not a place or a body ("Camp David, the presidential
	// retreat"; "Ansar Dine, a militant group").
	for j := k + 2; !titled && j < k+7 && j < n && p.toks[j].punct != ',' && p.toks[j].punct != '.'; j++ {
		if notPerson[foldString(p.text[p.toks[j].bs:p.toks[j].be])] {
			return 0, false
		}
	}
	p.addSurnames(i, k)
	return k, true
}

// describes reports whether a description of a person starts at token d, after the comma
// that follows a name: a determiner and a word ("a former Marine", "the secretary of"), a
// lower-case title ("secretary of"), or a state's possessive ("China's top diplomat").
// titled is true when the description opens with a title, which only a person has.
func (p *pass) describes(d int32) (ok, titled bool) {
	n := int32(len(p.toks))
	if d+1 >= n {
		return false, false
	}
	t := &p.toks[d]
	switch {
	case t.word == p.an.wA || t.word == p.an.wAn || t.word == p.an.wThe:
		nx := &p.toks[d+1]
		titled := p.has(p.itemAt(d+1), kTitle) != nil
		return nx.is(fWord) && (!nx.is(fCap) || titled), titled
	case !t.is(fCap) && p.has(p.itemAt(d), kTitle) != nil:
		return true, true
	case p.isActor(p.itemAt(d)) && p.itemAt(d).e < n && p.toks[p.itemAt(d).e].word == p.an.wPoss:
		it := p.itemAt(d)
		return it.e+1 < n && p.toks[it.e+1].is(fWord) && !p.toks[it.e+1].is(fCap), false
	}
	return false, false
}

// notPerson are nouns that describe places, bodies and things, not people.
var notPerson = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`region regions city town village province state country capital
		district territory island islands border port area valley river sea mountain mountains
		enclave camp base airport retreat palace building hotel group groups movement militia party
		organisation organization alliance coalition company firm bank agency council committee
		network front army force forces faction agreement accord deal treaty operation`) {
		notPerson[w] = true
	}
}

// date matches a date phrase (Monday, last month), a day and month (27 February,
// 27February, February 27) with an optional year, or a month with a year.
func (p *pass) date(i int32) (int32, bool) {
	n := int32(len(p.toks))
	it := p.itemAt(i)
	if p.has(it, kDate) != nil {
		return it.e, true
	}
	digits := func(k int32, lo, hi int) bool {
		if k >= n || !p.toks[k].is(fDigit) {
			return false
		}
		l := int(p.toks[k].re - p.toks[k].rs)
		return l >= lo && l <= hi
	}
	if digits(i, 1, 2) {
		if m := p.itemAt(i + 1); p.has(m, kMonth) != nil {
			e := m.e
			if digits(e, 4, 4) {
				e++
			}
			return e, true
		}
		return 0, false
	}
	if p.has(it, kMonth) != nil {
		e := it.e
		switch {
		case digits(e, 4, 4):
			return e + 1, true
		case digits(e, 1, 2):
			e++
			if e+1 < n && p.toks[e].punct == ',' && digits(e+1, 4, 4) {
				e += 2
			}
			return e, true
		}
		if strings.EqualFold(p.text[p.toks[i].bs:p.toks[i].be], "may") {
			return 0, false // the month or the verb: only with a number
		}
		return it.e, true
	}
	return 0, false
}

// eventClass groups event types that one definite noun phrase can refer back to.
var eventClass = map[string]string{"Ceasefire": "truce", "Agreement": "truce", "Talks": "talks",
	"Meeting": "talks", "Summit": "talks", "Sanctions": "sanctions", "Attack": "attack", "Proposal": "proposal"}

// corefer ties a definite event noun (the truce, the talks) to the earlier mention of an
// event of its class, so "the agreement" after "a ceasefire" is the same ceasefire.
func (p *pass) corefer() [][]int {
	var clusters [][]int
	last := map[string]int{}
	for i, m := range p.ms {
		cls := eventClass[m.typ]
		if cls == "" {
			continue
		}
		if cls == "talks" {
			// Talks, a meeting, a summit and a ceremony are often different events of
			// one story: only the same kind is the same event.
			cls = m.typ
		}
		c, ok := last[cls]
		if ok && m.s > 0 && (p.toks[m.s-1].word == p.an.wThe || p.an.poss[p.toks[m.s-1].word]) {
			clusters[c] = append(clusters[c], i)
			continue
		}
		last[cls] = len(clusters)
		clusters = append(clusters, []int{i})
	}
	var out [][]int
	for _, c := range clusters {
		if len(c) > 1 {
			out = append(out, c)
		}
	}
	return out
}

// maxRefDistance is how far back, in tokens, a pronoun or a definite description looks
// for the person it stands for: about the sentence before and its own.
const maxRefDistance = 60

// references adds a mention for each "he"/"she" and each definite title without a name
// ("the minister", "the president") that stands for a person named shortly before: the
// nearest earlier Person mention (for a title, the nearest whose words include it).
// Such mentions are never written; relations bound to them go to that person.
func (p *pass) references(sents []span) {
	n := int32(len(p.toks))
	sentStart := make([]bool, n+1)
	for _, s := range sents {
		sentStart[s.s] = true
	}
	var refs []mention
	mi := 0
	for i := int32(0); i < n; i++ {
		for mi < len(p.ms) && p.ms[mi].e <= i {
			mi++
		}
		if mi < len(p.ms) && p.ms[mi].s <= i {
			continue // inside a mention
		}
		t := &p.toks[i]
		e := i + 1
		var title *item
		switch {
		case t.word >= 0 && p.an.pronouns[t.word]:
		case t.word == p.an.wThe:
			it := p.itemAt(i + 1)
			if p.has(it, kTitle) == nil || int(it.e) < len(p.toks) && p.toks[it.e].is(fCap) {
				continue
			}
			title, e = it, it.e
		default:
			continue
		}
		ante := -1
		for k := mi - 1; k >= 0; k-- {
			m := p.ms[k]
			if i-m.e > maxRefDistance || ante >= 0 && !sentStart[i] {
				break
			}
			if m.typ != "Person" || m.ref != 0 {
				continue
			}
			if title != nil && !strings.Contains(foldString(p.text[p.toks[m.s].bs:p.toks[m.e-1].be]), foldString(p.text[p.toks[title.s].bs:p.toks[title.e-1].be])) {
				continue
			}
			if ante >= 0 && p.sentenceOf(m.s, sents) != p.sentenceOf(p.ms[ante].s, sents) {
				break
			}
			// Inside a sentence the nearest person; a pronoun that opens a sentence stands
			// for the subject of the sentence before, its first person.
			ante = k
		}
		if ante >= 0 {
			refs = append(refs, mention{s: i, e: e, typ: "Person", ref: p.ms[ante].s + 1})
		}
		i = e - 1
	}
	if len(refs) > 0 {
		p.ms = append(p.ms, refs...)
		slices.SortStableFunc(p.ms, func(a, b mention) int { return int(a.s - b.s) })
	}
}

// actorTypes are the types a sentence-initial "It" or "They" can stand for.
var actorTypes = map[string]bool{"State": true, "Government": true, "Organisation": true,
	"ArmedGroup": true, "ArmedForce": true, "Opposition": true, "Coalition": true}

// itReferences adds a reference mention for "It" or "They" that opens a sentence, standing
// for the first state, government, organisation or group of the sentence before ("The
// foreign ministry rejected the allegations. It accused Ottawa of …"). Inside a sentence
// "it" is too often no actor ("it was", "said it would") to be taken.
func (p *pass) itReferences(sents []span) {
	var refs []mention
	for x := 1; x < len(sents); x++ {
		i := sents[x].s
		if w := p.toks[i].word; w < 0 || !p.an.subjectIt[w] || !p.toks[i].is(fCap) {
			continue
		}
		prev := sents[x-1]
		k, _ := slices.BinarySearchFunc(p.ms, prev.s, func(m mention, s int32) int { return int(m.s - s) })
		for ; k < len(p.ms) && p.ms[k].s < prev.e; k++ {
			if m := p.ms[k]; m.ref == 0 && actorTypes[m.typ] {
				refs = append(refs, mention{s: i, e: i + 1, typ: m.typ, ref: m.s + 1})
				break
			}
		}
	}
	if len(refs) > 0 {
		p.ms = append(p.ms, refs...)
		slices.SortStableFunc(p.ms, func(a, b mention) int { return int(a.s - b.s) })
	}
}

// target returns the mention a relation argument stands for: the antecedent of a
// reference, the mention itself otherwise.
func (p *pass) target(i int) int {
	if r := p.ms[i].ref; r != 0 {
		if j, ok := slices.BinarySearchFunc(p.ms, r-1, func(m mention, s int32) int { return int(m.s - s) }); ok {
			return j
		}
	}
	return i
}

// resolveRefs drops the reference mentions and renumbers the relations and equivalences.
func (p *pass) resolveRefs(rels []relation, equivs [][]int) ([]mention, []relation, [][]int) {
	idx := make([]int, len(p.ms))
	out := p.ms[:0:0]
	for i, m := range p.ms {
		if m.ref != 0 {
			idx[i] = -1
			continue
		}
		idx[i] = len(out)
		out = append(out, m)
	}
	if len(out) == len(p.ms) {
		return p.ms, rels, equivs
	}
	for k := range rels {
		rels[k].a1, rels[k].a2 = idx[rels[k].a1], idx[rels[k].a2]
	}
	for _, c := range equivs {
		for k := range c {
			c[k] = idx[c[k]]
		}
	}
	return out, rels, equivs
}

// nameWords are the lower-case words a multi-word name may contain.
var nameWords = map[string]bool{"of": true, "the": true, "and": true, "for": true, "de": true,
	"del": true, "la": true, "al": true, "el": true, "des": true, "du": true, "on": true}

// headTypes types an unknown name by a word in it ("… Armed Forces …" is an armed group).
var headTypes = map[string]string{
	"forces": "ArmedGroup", "army": "ArmedGroup", "front": "ArmedGroup", "brigade": "ArmedGroup",
	"brigades": "ArmedGroup", "militia": "ArmedGroup", "movement": "ArmedGroup", "liberation": "ArmedGroup",
	"revolutionary": "ArmedGroup", "mujahideen": "ArmedGroup", "rebels": "ArmedGroup",
	"party": "Organisation", "council": "Organisation", "union": "Organisation", "organisation": "Organisation",
	"organization": "Organisation", "agency": "Organisation", "commission": "Organisation", "committee": "Organisation",
	"bank": "Organisation", "fund": "Organisation", "court": "Organisation", "association": "Organisation",
	"community": "Organisation", "alliance": "Organisation", "league": "Organisation", "ministry": "Organisation",
	"assembly": "Organisation", "parliament": "Government", "congress": "Organisation",
	"government": "Government", "junta": "Government",
	"republic": "State", "kingdom": "State", "emirates": "State",
}

// nameType returns the type of an unknown name over tokens [s, e) from its words (the
// last one that says), or "".
func (p *pass) nameType(s, e int32) string {
	typ := ""
	for k := s; k < e; k++ {
		if t := headTypes[foldString(p.text[p.toks[k].bs:p.toks[k].be])]; t != "" {
			if typ == "" || t == "ArmedGroup" {
				typ = t
			}
		}
	}
	return typ
}

// acronyms finds names defined with an acronym in brackets that no dictionary knows ("the
// Revolutionary Armed Forces of Colombia (FARC)"), replaces the mentions inside the name
// (Colombia) by one mention of the whole name, and makes every later use of the acronym a
// mention of the same actor.
func (p *pass) acronyms() {
	n := int32(len(p.toks))
	for k := int32(1); k+2 < n; k++ {
		a := &p.toks[k+1]
		if p.toks[k].punct != '(' || p.toks[k+2].punct != ')' || !a.is(fUpper) || a.re-a.rs < 2 || a.re-a.rs > 8 {
			continue
		}
		if p.has(p.itemAt(k+1), kEntity) != nil {
			// A known acronym: Islamic State (IS). When the dictionaries know the name and
			// the acronym apart, the text ties them.
			p.knownAcronym(k)
			continue
		}
		if p.newAcronymOfKnown(k) {
			continue
		}
		s, caps := p.nameBefore(k)
		typ := p.nameType(s, k)
		if caps < 2 || !p.initials(s, k, p.text[a.bs:a.be]) && !p.usedAcronym(k+1, typ) && (typ == "" || !p.reusedAcronym(s, k)) {
			continue
		}
		if typ == "" {
			typ = "Organisation"
		}
		kept := p.ms[:0]
		for _, m := range p.ms {
			if m.e <= s || m.s >= k || m.s < s && m.e > k {
				kept = append(kept, m)
			}
		}
		p.ms = kept
		p.insert(s, k, typ)
		acr := p.text[a.bs:a.be]
		cluster := []int32{s, k + 1}
		if p.firstUse(acr) {
			// The acronym in brackets may be a mention already ("ELN rebels … (ELN)").
			cluster = append(cluster, p.addUses(acr, k, typ)...)
		}
		p.nameClusters = append(p.nameClusters, cluster)
	}
}

// nameBefore walks back from the bracket at token k over the words of a name no dictionary
// knows ("the Revolutionary Armed Forces of Colombia (FARC)") and returns its first token
// and how many capitalised words (or known names inside it) it has.
func (p *pass) nameBefore(k int32) (s int32, caps int) {
	s = k
	for s > 0 {
		t := &p.toks[s-1]
		if w := p.text[t.bs:t.be]; (w == "'s" || w == "’s") && s-1 != k-1 {
			s-- // "the Tigray People's Liberation Front (TPLF)"
			continue
		}
		if !t.is(fWord) || t.is(fNewline) && s-1 != k-1 {
			break
		}
		if t.word == p.an.wAnd && p.toks[s].word == p.an.wThe {
			break // "Ethiopia and the Tigray People's Liberation Front": two names
		}
		w := foldString(p.text[t.bs:t.be])
		if t.is(fCap) {
			// A known name belongs to this one only after "of" ("Armed Forces of
			// Colombia"); otherwise it is a name of its own ("Colombia and the …").
			if m, ok := p.mentionAt(s - 1); ok {
				// It opens the name ("Shanghai Cooperation Organisation") or follows
				// "of"; before "and" it is a name of its own ("Colombia and the …").
				opens := m.e == s && s < k && p.toks[s].is(fCap)
				after := m.s > 0 && nameWords[foldString(p.text[p.toks[m.s-1].bs:p.toks[m.s-1].be])] && p.toks[m.s-1].word != p.an.wAnd && p.toks[m.s-1].word != p.an.wThe
				if !opens && !after && !p.inBeforePlace(m.s-1, k) {
					break
				}
				caps++
				s = m.s
				continue
			}
			caps++
		} else if !nameWords[w] && !t.is(fHyphen) && !p.inBeforePlace(s-1, k) {
			break
		}
		s--
	}
	for s < k && (!p.toks[s].is(fCap) || nameWords[foldString(p.text[p.toks[s].bs:p.toks[s].be])]) {
		s++ // no leading "the" or "of"
	}
	return s, caps
}

// inBeforePlace reports whether token i is "in" before a known place inside a name that
// ends at the bracket at token k: "the Front for Change and Concord in Chad (FACT)".
func (p *pass) inBeforePlace(i, k int32) bool {
	if i < 1 || i+1 >= k || foldString(p.text[p.toks[i].bs:p.toks[i].be]) != "in" || !p.toks[i-1].is(fCap) {
		return false
	}
	m, ok := p.mentionAt(i + 1)
	return ok && m.s == i+1 && (m.typ == "Location" || m.typ == "State")
}

// reusedAcronym reports whether the acronym in brackets at token k, whose letters are
// not the initials of the name [s, k) (it abbreviates the name in another language:
// FACT for a French name written in English), starts with the name's initial and is used
// again on its own later in the text, which a bracketed remark would not be. The caller
// asks this only of a name whose words give its type ("Front").
func (p *pass) reusedAcronym(s, k int32) bool {
	a := &p.toks[k+1]
	acr := p.text[a.bs:a.be]
	first := p.text[p.toks[s].bs:p.toks[s].be]
	return acr[0] == first[0] && len(p.upperUses(acr, k+2)) > 0
}

// knownAcronym ties a known name to the known acronym in brackets after it (token k is
// the bracket) and to the acronym's later uses, when its letters are the name's initials
// and both have one type: "the Economic Community of West African States (ECOWAS)" … "ECOWAS".
func (p *pass) knownAcronym(k int32) {
	name, ok := p.mentionAt(k - 1)
	acr, ok2 := p.mentionAt(k + 1)
	if !ok || !ok2 || name.e != k || acr.s != k+1 || acr.e != k+2 || name.typ != acr.typ || name.e-name.s < 2 {
		return
	}
	a := &p.toks[k+1]
	word := p.text[a.bs:a.be]
	if !p.initials(name.s, name.e, word) {
		return
	}
	cluster := []int32{name.s, k + 1}
	if p.firstUse(word) {
		for _, j := range p.upperUses(word, k+1) {
			if m, ok := p.mentionAt(j); ok && m.s == j && m.e == j+1 && m.typ == name.typ {
				cluster = append(cluster, j)
			}
		}
	}
	p.nameClusters = append(p.nameClusters, cluster)
}

// usedAcronym reports whether the acronym at token i is already a mention of type typ
// (not ""): then a name of that type right before it in brackets is its long form even
// when the letters are those of a name in another language ("the National Liberation Army
// (ELN)" after "ELN rebels").
func (p *pass) usedAcronym(i int32, typ string) bool {
	m, ok := p.mentionAt(i)
	return ok && typ != "" && m.s == i && m.e == i+1 && m.typ == typ
}

// newAcronymOfKnown handles a known name followed by an acronym no dictionary knows, in
// brackets at token k: "the Caribbean Community (CARICOM)". The acronym's letters are the
// name's in order, from its first; it and its later uses become mentions of the name.
func (p *pass) newAcronymOfKnown(k int32) bool {
	name, ok := p.mentionAt(k - 1)
	if !ok || name.e != k || eventTypes[name.typ] || name.typ == "Date" || name.typ == "Person" {
		return false
	}
	a := &p.toks[k+1]
	acr := p.text[a.bs:a.be]
	s := name.s
	for s+1 < name.e && !p.toks[s].is(fCap) {
		s++ // "the paramilitary Rapid Support Forces (RSF)"
	}
	if !abbreviates(foldString(p.text[p.toks[s].bs:p.toks[name.e-1].be]), strings.ToLower(acr)) && !(armedTypes[name.typ] && p.initialsOfWords(s, name.e, acr)) {
		if name.e-name.s < 2 || !p.usedAcronym(k+1, name.typ) {
			return false
		}
		p.nameClusters = append(p.nameClusters, []int32{name.s, k + 1}) // "(ELN)"
		return true
	}
	cluster := []int32{name.s}
	if p.firstUse(acr) {
		cluster = append(cluster, p.addUses(acr, k, name.typ)...)
	} else {
		p.insert(k+1, k+2, name.typ)
		cluster = append(cluster, k+1)
	}
	p.nameClusters = append(p.nameClusters, cluster)
	return true
}

// armedTypes are the types whose names are often abbreviated in another language, so that
// the acronym's letters are the name's initials out of order (FLN, ELN, FARC); for other
// bodies only an acronym in the name's own order is taken.
var armedTypes = map[string]bool{"ArmedGroup": true, "ArmedForce": true, "Opposition": true}

// initialsOfWords reports whether the acronym's letters are the initials of the
// capitalised words of tokens [s, e), at least two, in any order: "the National Liberation
// Front (FLN)", a name in English and its acronym in French.
func (p *pass) initialsOfWords(s, e int32, acr string) bool {
	caps := 0
	for k := s; k < e; k++ {
		if p.toks[k].is(fCap) {
			caps++
		}
	}
	return caps >= 2 && caps == len(acr) && p.initials(s, e, acr)
}

// abbreviates reports whether acr (lower case) is made of letters of name in order,
// starting with its first letter, and takes a letter from at least two of its words.
func abbreviates(name, acr string) bool {
	if acr == "" || name == "" || acr[0] != name[0] {
		return false
	}
	words, i := 0, 0
	lastWord := -1
	for w, word := range strings.Fields(name) {
		for _, r := range word {
			if i < len(acr) && r == rune(acr[i]) {
				i++
				if w != lastWord {
					words++
					lastWord = w
				}
			}
		}
	}
	return i == len(acr) && words >= 2
}

// upperUses returns the all-capitals tokens spelt word after token k.
func (p *pass) upperUses(word string, k int32) []int32 {
	if p.upper == nil {
		p.upper = map[string][]int32{}
		for j := range p.toks {
			if t := &p.toks[j]; t.is(fUpper) {
				w := p.text[t.bs:t.be]
				p.upper[w] = append(p.upper[w], int32(j))
			}
		}
	}
	at := p.upper[word]
	x, _ := slices.BinarySearch(at, k+1)
	return at[x:]
}

// firstUse reports whether the later uses of acronym word are still to be found, and
// records that they are found now.
func (p *pass) firstUse(word string) bool {
	if p.acrDone == nil {
		p.acrDone = map[string]bool{}
	}
	if p.acrDone[word] {
		return false
	}
	p.acrDone[word] = true
	return true
}

// addUses adds a mention of type typ for each use of acronym word after token k that no
// mention covers yet, and returns their starts. p.ms is sorted again afterwards.
func (p *pass) addUses(word string, k int32, typ string) []int32 {
	var at []int32
	for _, j := range p.upperUses(word, k) {
		if _, ok := p.mentionAt(j); !ok {
			at = append(at, j)
		}
	}
	for _, j := range at {
		p.add(j, j+1, typ)
	}
	slices.SortStableFunc(p.ms, func(a, b mention) int { return int(a.s - b.s) })
	return at
}

// mentionAt returns the mention that covers token i, if any.
func (p *pass) mentionAt(i int32) (mention, bool) {
	k, _ := slices.BinarySearchFunc(p.ms, i+1, func(m mention, t int32) int { return int(m.s - t) })
	if k > 0 && p.ms[k-1].e > i {
		return p.ms[k-1], true
	}
	return mention{}, false
}

// covered reports whether token i lies inside a mention.
func (p *pass) covered(i int32) bool {
	for _, m := range p.ms {
		if m.s <= i && i < m.e {
			return true
		}
	}
	return false
}

// initials reports whether the letters of the acronym are initials of the capitalised
// words of the name over tokens [s, e), in any order (FARC for Fuerzas Armadas
// Revolucionarias de Colombia, written in English as Revolutionary Armed Forces of …).
func (p *pass) initials(s, e int32, acr string) bool {
	have := map[rune]int{}
	for k := s; k < e; k++ {
		t := &p.toks[k]
		if t.is(fCap) {
			r, _ := decode(strings.ToLower(p.text[t.bs:t.be]), 0)
			have[r]++
		}
	}
	// Most letters must be initials: an acronym of the name in another language shares
	// only some (ELN, Ejército de Liberación Nacional, for National Liberation Army).
	n, hit := 0, 0
	for _, r := range strings.ToLower(acr) {
		if r == '.' {
			continue
		}
		n++
		if have[r] > 0 {
			have[r]--
			hit++
		}
	}
	return n > 0 && 3*hit >= 2*n
}

// nameEquivs returns the clusters of acronyms() as mention indices.
func (p *pass) nameEquivs() [][]int {
	var out [][]int
	for _, c := range p.nameClusters {
		var idx []int
		for _, s := range c {
			if j, ok := slices.BinarySearchFunc(p.ms, s, func(m mention, s int32) int { return int(m.s - s) }); ok {
				idx = append(idx, j)
			}
		}
		if len(idx) > 1 {
			out = append(out, idx)
		}
	}
	return mergeClusters(out)
}

// mergeClusters joins the clusters that share a mention (union-find, so that a long text
// with many ties stays linear).
func mergeClusters(cs [][]int) [][]int {
	parent := map[int]int{}
	var find func(x int) int
	find = func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, c := range cs {
		for _, x := range c {
			if _, ok := parent[x]; !ok {
				parent[x] = x
			}
		}
		for _, x := range c[1:] {
			if a, b := find(c[0]), find(x); a != b {
				parent[b] = a
			}
		}
	}
	groups := map[int][]int{}
	for x := range parent {
		r := find(x)
		groups[r] = append(groups[r], x)
	}
	out := make([][]int, 0, len(groups))
	for _, g := range groups {
		if len(g) > 1 {
			slices.Sort(g)
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	return out
}

// longerName reports whether the multi-word organisation name it (at token i) is the end of
// a longer name no dictionary knows: capitalised words right before it that are not a
// name, a title or a sentence's first word ("Supreme National Security Council"). It
// returns where that longer name starts.
func (p *pass) longerName(i int32, it *item, sentStart []bool) (int32, bool) {
	if it.e-i < 2 || p.toks[i].is(fNewline) || p.has(it, kEntity).typ != "Organisation" {
		return 0, false
	}
	s := i
	for s > 0 && !sentStart[s] {
		t := &p.toks[s-1]
		if !t.is(fWord) || !t.is(fCap) || t.is(fUpper) || p.itemAt(s-1) != nil || sentStart[s-1] || t.is(fNewline) {
			break
		}
		s--
	}
	return s, s < i
}

// sentenceOf returns the index of the sentence that holds token i.
func (p *pass) sentenceOf(i int32, sents []span) int {
	k, _ := slices.BinarySearchFunc(sents, i, func(s span, i int32) int {
		switch {
		case s.e <= i:
			return -1
		case s.s > i:
			return 1
		}
		return 0
	})
	return k
}

// nameByShape matches a name by its shape whatever the dictionaries know of its words: the
// name of a body by its head word, a place after Lake or Mount.
func (p *pass) nameByShape(i int32) (int32, string, bool) {
	if e, typ, ok := p.selfNamed(i); ok {
		return e, typ, true
	}
	if e, typ, ok := p.bodyName(i); ok {
		return e, typ, true
	}
	if e, ok := p.prefixedPlace(i); ok {
		return e, "Location", true
	}
	return 0, "", false
}

// unknownName matches a name at token i, where no dictionary phrase starts: an alias after
// "known as", a name after a title, an armed group before a group noun, a place, a person
// described or introduced. It returns where the name ends and its type.
func (p *pass) unknownName(i int32) (int32, string, bool) {
	if e, ok := p.knownAs(i); ok {
		return e, "Person", true
	}
	if e, ok := p.namedAfterTitle(i); ok {
		return e, "Person", true
	}
	if e, ok := p.unknownGroup(i); ok {
		return e, "ArmedGroup", true
	}
	if e, ok := p.unknownPlace(i); ok {
		return p.withPlaceNoun(e), "Location", true
	}
	if e, ok := p.apposition(i); ok {
		return e, "Person", true
	}
	if e, ok := p.introducedName(i); ok {
		return e, "Person", true
	}
	return 0, "", false
}

// insert adds a mention over [s, e) where it belongs in p.ms, which is in text order: after
// the mentions that start at or before s (what a stable sort after p.add would give, without
// sorting the whole list for each name).
func (p *pass) insert(s, e int32, typ string) {
	n := len(p.ms)
	p.add(s, e, typ)
	if len(p.ms) == n {
		return // not added (it crossed a line break)
	}
	m := p.ms[n]
	at := sort.Search(n, func(j int) bool { return p.ms[j].s > s })
	copy(p.ms[at+1:], p.ms[at:n])
	p.ms[at] = m
}

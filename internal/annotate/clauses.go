package annotate

import (
	"slices"
	"strings"
)

// Trigger choice (gapped phrases, event nouns that are no verbs) and the argument sides
// beyond "nearest on the left or right": the agent after "by" in a noun phrase (B), the
// possessor before a noun (P), the party after "with" (W), and the subject before a
// relative clause or a long description.

// maxGap is how many words a gapped trigger ("fired … at") may have in its gap.
const maxGap = 6

// maxClause is how far back, in tokens, the head of a relative clause or description
// before a trigger is looked for.
const maxClause = 40

// relWords are the vocabulary ids of the little words the relation patterns read.
type relWords struct {
	with, who, whose, which, that int32
	forW, where, on               int32
	headPreps                     map[int32]bool // between, of, with: a list that hangs on an event noun
	nounDets                      map[int32]bool // the, a, its, 's: a bare trigger after one is a noun
	nounMods                      map[int32]bool // drone, artillery: of nounDets, those that are no determiners
	finalPreps                    map[int32]bool // of, from, in: a trigger ending in one is no passive
	listPreps                     map[int32]bool // at, on, to: repeated after "and" inside a list
	auxes                         map[int32]bool // has, had, will: between a clause and its verb
	objPreps                      map[int32]bool // against, for: what follows is no direct object
	placePreps                    map[int32]bool // in, at: what follows is a place
}

// newRelWords looks up (or adds) the ids of the words through id.
func newRelWords(id func(string) int32) relWords {
	set := func(ws ...string) map[int32]bool {
		m := make(map[int32]bool, len(ws))
		for _, w := range ws {
			m[id(w)] = true
		}
		return m
	}
	return relWords{
		forW: id("for"), where: id("where"), on: id("on"), headPreps: set("between", "of", "with"),
		with: id("with"), who: id("who"), whose: id("whose"), which: id("which"), that: id("that"),
		nounDets: set("the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "'s", "any", "no",
			"drone", "air", "missile", "rocket", "artillery", "deadly", "latest", "first", "fresh", "new"),
		nounMods:   set("drone", "air", "missile", "rocket", "artillery", "deadly", "latest", "first", "fresh", "new"),
		finalPreps: set("of", "from", "in", "into", "to", "with", "on", "at", "for", "about", "between", "out"),
		listPreps:  set("at", "on", "in", "to", "into", "against", "with", "by", "from", "onward"),
		auxes:      set("has", "have", "had", "will", "would", "could", "can", "may", "might", "did", "does", "not", "never"),
		objPreps:   set("against", "for", "from", "over", "during", "about", "towards", "after", "before", "without", "on"),
		placePreps: set("in", "at", "near", "outside", "inside", "around"),
	}
}

// chooseTriggers picks the meaning of every trigger phrase: a gapped phrase whose tail
// follows ("exchanged 70 prisoners", "fired missiles at") grows to its tail (the furthest
// one when several follow); otherwise the first meaning without a tail. A trigger with no meaning left, a one-word verb that
// follows a determiner ("condemned the attack": a noun) and a trigger inside the gap of the
// one before are dropped. The verbs slice is rewritten in place.
func (p *pass) chooseTriggers(verbs []item) []item {
	out := verbs[:0]
	end := int32(-1)
	for _, v := range verbs {
		if v.s < end {
			continue
		}
		chosen, e := int32(-1), v.e
		plain := int32(-1)
		for _, ei := range v.ents {
			en := &p.d.entries[ei]
			if en.tail == "" {
				if plain < 0 {
					plain = ei
				}
				continue
			}
			// The meaning whose tail reaches furthest wins: "killed in a strike by Israel"
			// is "killed in … by", not "killed in … strike".
			if x, ok := p.tailAt(v.e, en.tailIDs); ok && (chosen < 0 || x > e) {
				chosen, e = ei, x
			}
		}
		if chosen < 0 {
			chosen = plain
		}
		if chosen < 0 || e == v.e && v.e-v.s == 1 && p.d.entries[chosen].rel != "" && p.nounAt(v.s) {
			continue
		}
		if chosen != v.ents[0] || e != v.e {
			v = item{s: v.s, e: e, ents: []int32{chosen}}
		}
		out = append(out, v)
		end = v.e
	}
	return out
}

// tailAt reports where the words ids end when they follow token from after at most maxGap
// words (no punctuation between).
func (p *pass) tailAt(from int32, ids []int32) (int32, bool) {
	n := int32(len(p.toks))
	for k := from; k <= from+maxGap && k+int32(len(ids)) <= n; k++ {
		ok := true
		for x, id := range ids {
			if p.toks[k+int32(x)].word != id {
				ok = false
				break
			}
		}
		if ok {
			return k + int32(len(ids)), true
		}
		if !p.toks[k].is(fWord) {
			return 0, false
		}
	}
	return 0, false
}

// nounAt reports whether the word at token i follows a determiner or a possessive, and so
// is a noun: "the attack", "its strikes", "Israel's visit".
func (p *pass) nounAt(i int32) bool {
	if i == 0 {
		return false
	}
	w := p.toks[i-1].word
	if w >= 0 && p.an.rw.nounMods[w] && strings.HasSuffix(p.text[p.toks[i].bs:p.toks[i].be], "ed") {
		return false // "jets and artillery pounded": a past tense is no noun after a modifier
	}
	return w >= 0 && p.an.rw.nounDets[w]
}

// endsInPrep reports whether a trigger ends in a preposition other than "by": "excluded
// from", "left out of" are no passives of an active verb ("X was left out of the talks").
func (p *pass) endsInPrep(v *item) bool {
	w := p.toks[v.e-1].word
	return v.e-v.s > 1 && w >= 0 && p.an.rw.finalPreps[w]
}

// notInNoun drops the objects of a passive that lie inside the event noun before it: "The
// arrest of X by Y was condemned by Z" says that Z condemned the arrest, not X.
func (p *pass) notInNoun(t *trigger, objs []int) []int {
	if t.prevNoun && len(objs) > 0 && p.ms[objs[0]].s >= t.cueFrom && !eventTypes[p.ms[objs[0]].typ] {
		return nil
	}
	return objs
}

// afterOfFor reports whether "of" or "for" comes right before trigger v: "accused Russia of
// attacking".
func (p *pass) afterOfFor(v *item) bool {
	if v.s == 0 {
		return false
	}
	w := p.toks[v.s-1].word
	return w >= 0 && (w == p.an.wOf || w == p.an.rw.forW)
}

// eventHead returns the event mention of an allowed type that the list g (indices into p.ms)
// hangs on through "between", "of" or "with" ("the talks between Israel and Hamas"), or -1.
func (p *pass) eventHead(ms []mention, base int, g []int, allowed typeSet) int {
	first := p.ms[g[0]]
	k := first.s - 1
	for k >= 0 && (p.toks[k].word == p.an.wThe || p.toks[k].word == p.an.wBoth) {
		k--
	}
	if k < 1 || p.toks[k].word < 0 || !p.an.rw.headPreps[p.toks[k].word] {
		return -1
	}
	for j := g[0] - base - 1; j >= 0; j-- {
		m := ms[j]
		if m.e > k {
			continue
		}
		if m.e == k && eventTypes[m.typ] && allowed[m.typ] {
			return base + j
		}
		return -1
	}
	return -1
}

// wordBetween reports whether the word w is one of tokens [from, to).
func (p *pass) wordBetween(from, to, w int32) bool {
	for k := from; k < to; k++ {
		if p.toks[k].word == w {
			return true
		}
	}
	return false
}

// possessorOfNoun reports whether mention m is a possessor followed by a lower-case word
// that no mention starts at ("Sudan's warring forces", "Qatar's ambassador"): it is then part
// of another noun phrase, not a subject by itself.
func (p *pass) possessorOfNoun(m mention) bool {
	if !p.possessor(m) || int(m.e+1) >= len(p.toks) {
		return false
	}
	t := &p.toks[m.e+1]
	if !t.is(fWord) || t.is(fCap) {
		return false
	}
	k, found := slices.BinarySearchFunc(p.ms, m.e+1, func(x mention, i int32) int { return int(x.s - i) })
	return !found || k >= len(p.ms)
}

// placedEvent returns, for a participle ending in "by" ("hosted by"), the event mention of
// an allowed type that the list g (indices into p.ms) only locates: "a ceremony on the South
// Lawn of the White House hosted by Trump" hosts the ceremony. The list must follow a
// locative or "of" preposition, and the event must come at most maxRight tokens before it with
// no punctuation between; else -1.
func (p *pass) placedEvent(ms []mention, base int, g []int, v *item, allowed typeSet) int {
	if !p.endsWithBy(v) || eventTypes[p.ms[g[0]].typ] {
		return -1
	}
	first := p.ms[g[0]]
	k := first.s - 1
	for k >= 0 && (p.toks[k].word == p.an.wThe || p.toks[k].word == p.an.wA) {
		k--
	}
	if k < 1 || p.toks[k].word < 0 || !p.an.rw.placePreps[p.toks[k].word] && p.toks[k].word != p.an.wOf && p.toks[k].word != p.an.rw.on {
		return -1
	}
	for j := g[0] - base - 1; j >= 0; j-- {
		m := ms[j]
		if first.s-m.e > maxRight || p.barrier(m.e, first.s, ",;:.()") {
			return -1
		}
		if eventTypes[m.typ] && allowed[m.typ] {
			return base + j
		}
	}
	return -1
}

// gapped returns the subject of a clause whose verb and object are left out, between token
// from (after the object) and next: "and X" followed by a date (or a preposition and a date)
// that ends the sentence or a clause ("Egypt recognised it in 1979 and Jordan in 1994").
func (p *pass) gapped(sc *sentence, from, next int32, allowed typeSet, g1 []int) []int {
	for j, m := range sc.ms {
		if m.s <= from || m.s >= next {
			continue
		}
		if !allowed[m.typ] || slices.Contains(g1, sc.base+j) || p.toks[m.s-1].word != p.an.wAnd {
			continue
		}
		k := m.e
		if k < sc.e && p.toks[k].word >= 0 && (p.an.rw.placePreps[p.toks[k].word] || p.toks[k].word == p.an.rw.on) {
			k++
		}
		end := k + 1 // a year ("in 1994") or a date mention
		if j+1 < len(sc.ms) && sc.ms[j+1].s == k && sc.ms[j+1].typ == "Date" {
			end = sc.ms[j+1].e
		} else if k >= sc.e || !p.toks[k].is(fDigit) || p.toks[k].be-p.toks[k].bs != 4 {
			return nil
		}
		if end < sc.e && end < int32(len(p.toks)) && p.toks[end].punct != ',' && p.toks[end].punct != ';' && p.toks[end].punct != '.' {
			return nil
		}
		return []int{sc.base + j}
	}
	return nil
}

// prepBetween reports whether a preposition of objPreps lies in tokens [from, to): what
// follows it is no object of the trigger before it ("accused the West of waging a war
// against Belarus").
func (p *pass) prepBetween(from, to int32) bool {
	for k := from; k < to; k++ {
		if w := p.toks[k].word; w >= 0 && p.an.rw.objPreps[w] {
			return true
		}
	}
	return false
}

// placeAfter reports whether mention m follows a locative preposition that is not part of
// trigger v: "stormed the embassy in Quito", "hosted a ceremony at the White House" name a
// place, not the object. A visit's place is its object.
func (p *pass) placeAfter(v *item, m mention) bool {
	if p.d.entries[v.ents[0]].rel == "Visited" {
		return false
	}
	k := m.s - 1
	for k >= v.e && (p.toks[k].word == p.an.wThe || p.toks[k].word == p.an.wA) {
		k--
	}
	return k >= v.e && p.toks[k].word >= 0 && p.an.rw.placePreps[p.toks[k].word]
}

// possessorBefore returns the list of mentions of an allowed type whose "'s" comes right
// before the trigger: "Kyiv's release of", "the Guards' attack on".
func (p *pass) possessorBefore(sc *sentence, v *item, allowed typeSet) []int {
	k := v.s - 1
	if k < 1 || p.toks[k].word != p.an.wPoss {
		return nil
	}
	for j := len(sc.ms) - 1; j >= 0; j-- {
		m := sc.ms[j]
		if m.e > k {
			continue
		}
		if m.e != k || !allowed[m.typ] {
			return nil
		}
		return p.members(p.listLeft(sc.ms, sc.base, j, allowed))
	}
	return nil
}

// insideGap returns the object inside the gap of a gapped trigger: the first mention of an
// allowed type there, or, for an object pronoun opening the gap, the event named before
// ("called it a violation").
func (p *pass) insideGap(sc *sentence, v *item, e *entry, allowed typeSet, g1 []int) []int {
	from, to := v.s+int32(len(e.caseReq)), v.e-int32(len(e.tailIDs))
	if e.tail == "" || from >= to {
		return nil
	}
	if w := p.toks[from].word; w >= 0 {
		if _, ok := p.an.objPronouns[w]; ok {
			// "called it a violation": what is called so is an action, the event named before.
			if a := p.eventBefore(v.s, allowed); a >= 0 {
				return []int{a}
			}
			return nil
		}
	}
	for j, m := range sc.ms {
		if m.s >= from && m.e <= to && allowed[m.typ] {
			return []int{sc.base + j}
		}
	}
	return nil
}

// eventAt returns the event mention of an allowed type that starts at token i.
func (p *pass) eventAt(sc *sentence, i int32, allowed typeSet) []int {
	for j, m := range sc.ms {
		if m.s == i && eventTypes[m.typ] && allowed[m.typ] {
			return []int{sc.base + j}
		}
	}
	return nil
}

// withList returns the list of mentions of an allowed type right after the first "with"
// that follows token from within maxRight tokens: "discussed the swap with Zelensky".
func (p *pass) withList(sc *sentence, from, next int32, allowed typeSet) []int {
	k := from
	for ; k < next && k < from+maxRight; k++ {
		if p.toks[k].word == p.an.rw.with {
			break
		}
		if r := p.toks[k].punct; r == ',' || r == ';' || r == ':' || r == '(' {
			return nil
		}
	}
	if k >= next || k >= from+maxRight {
		return nil
	}
	for j, m := range sc.ms {
		if m.s <= k {
			continue
		}
		if m.s > k+3 || m.s >= next || !allowed[m.typ] {
			return nil
		}
		return p.members(p.listRight(sc.ms, sc.base, j, allowed))
	}
	return nil
}

// clauseHead returns the subject of a trigger that follows a relative clause or a
// description closed by a comma: "Merkel and Macron, who have mediated between Kyiv and
// Moscow, welcomed", "Rusesabagina, a Belgian citizen who …, was arrested". It is the list
// that ends right before the comma opening the clause, when its type is allowed. It also
// returns that comma (-1 when no such clause closes before the trigger): with no subject
// there, none is to be taken from inside the clause.
func (p *pass) clauseHead(sc *sentence, v *item, allowed typeSet) ([]int, int32) {
	k := v.s - 1
	for k > sc.s && p.toks[k].word >= 0 && (p.an.aux[p.toks[k].word] || p.an.adverbs[p.toks[k].word] || p.an.rw.auxes[p.toks[k].word]) {
		k--
	}
	if k <= sc.s || p.toks[k].punct != ',' {
		return nil, -1
	}
	for j := k - 1; j > sc.s && j > k-maxClause; j-- {
		switch p.toks[j].punct {
		case ';', ':', '.', '(', ')':
			return nil, -1
		case ',':
			if !p.opensClause(j + 1) {
				continue
			}
			for x := len(sc.ms) - 1; x >= 0; x-- {
				m := sc.ms[x]
				if m.e > j {
					continue
				}
				if m.e != j || !allowed[m.typ] {
					return nil, j
				}
				// "The government of Colonel Goïta, who seized power, accused Paris".
				if x > 0 && allowed[sc.ms[x-1].typ] && !eventTypes[sc.ms[x-1].typ] && p.ofBetween(sc.ms[x-1], m) {
					x--
				}
				return p.members(p.listLeft(sc.ms, sc.base, x, allowed)), j
			}
			return nil, j
		}
	}
	return nil, -1
}

// leftOf returns the list found on the left of a trigger, searched from token at (where a
// clause before the trigger opens) when at >= 0, else from the trigger itself.
func (p *pass) leftOf(sc *sentence, v *item, at, next int32, allowed typeSet) []int {
	if at >= 0 {
		v = &item{s: at, e: at, ents: v.ents}
	}
	return p.find(sc.ms, sc.base, v, 'L', allowed, sc.span, next)
}

// opensClause reports whether a relative clause or a description starts at token i: who,
// which, whose, or a determiner and a lower-case word ("a Belgian citizen" too).
func (p *pass) opensClause(i int32) bool {
	if int(i+1) >= len(p.toks) {
		return false
	}
	w := p.toks[i].word
	if w >= 0 && (w == p.an.rw.who || w == p.an.rw.which || w == p.an.rw.whose) {
		return true
	}
	if w != p.an.wThe && w != p.an.wA && w != p.an.wAn || w < 0 {
		return false
	}
	return p.toks[i+1].is(fWord)
}

package annotate

import (
	"slices"
	"strings"
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
	// surnames of people introduced with a title, so later bare surnames are people too
	surnames map[string]bool
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

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "col": true,
	"lt": true, "sgt": true, "capt": true, "maj": true, "sen": true, "rep": true, "gov": true,
	"pres": true, "st": true, "jr": true, "sr": true, "no": true, "vs": true, "etc": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "inc": true, "ltd": true,
	"co": true, "corp": true, "dept": true, "amb": true, "adm": true, "cmdr": true, "rev": true,
}

func (p *pass) abbreviation(i int32) bool {
	t := &p.toks[i]
	if !t.is(fWord) {
		return false
	}
	if t.re-t.rs == 1 && t.is(fCap) {
		return true
	}
	return t.re-t.rs <= 5 && abbreviations[strings.ToLower(p.text[t.bs:t.be])]
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
	p.surnames = map[string]bool{}
	p.ms = make([]mention, 0, len(p.names)/2+8)
	for i := int32(0); i < n; {
		if e, ok := p.person(i); ok {
			p.add(i, e, "Person")
			i = e
			continue
		}
		if e, ok := p.date(i); ok {
			p.add(i, e, "Date")
			i = e
			continue
		}
		it := p.itemAt(i)
		if it == nil {
			i++
			continue
		}
		// An actor or nationality before a group head: Syrian army, US-led coalition.
		if next := p.itemAt(it.e); next != nil && (p.has(it, kAdj) != nil || p.isActor(it)) && !p.toks[it.e].is(fNewline) {
			if h := p.has(next, kHead); h != nil {
				p.add(i, next.e, h.typ)
				i = next.e
				continue
			}
		}
		if h := p.has(it, kHead); h != nil && h.alone {
			p.add(i, it.e, h.typ)
			i = it.e
			continue
		}
		if en := p.has(it, kEntity); en != nil {
			if !en.noun || sentStart[i] || p.nounContext(i) {
				p.add(i, it.e, en.typ)
			}
			i = it.e
			continue
		}
		if c := p.has(it, kCapital); c != nil {
			typ := c.typ
			if i > 0 && p.wordIs(i-1, kPrep) {
				typ = "Location"
			}
			p.add(i, it.e, typ)
		}
		i = it.e
	}
	// Bare surnames of people named in full elsewhere in the article.
	if len(p.surnames) > 0 {
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
			if p.surnames[foldString(p.text[t.bs:t.be])] {
				p.add(i, i+1, "Person")
			}
		}
		slices.SortFunc(p.ms, func(a, b mention) int { return int(a.s - b.s) })
	}
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
	it := p.itemAt(prev)
	if it == nil || it.e != i {
		return false
	}
	return p.has(it, kDet) != nil || p.has(it, kPrep) != nil || p.has(it, kAdj) != nil
}

// person matches a title before a name: [nationality or actor] title... name, where the
// name is a known person or up to four capitalised words no dictionary claims.
func (p *pass) person(i int32) (int32, bool) {
	it := p.itemAt(i)
	if it == nil {
		return 0, false
	}
	j := i
	if p.has(it, kTitle) == nil {
		if p.has(it, kAdj) == nil && !p.isActor(it) {
			return 0, false
		}
		if p.has(p.itemAt(it.e), kTitle) == nil {
			return 0, false
		}
		j = it.e
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
		return 0, false
	}
	if t := p.itemAt(j); t != nil {
		if en := p.has(t, kEntity); en != nil && en.typ == "Person" {
			return t.e, true
		}
	}
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
			break
		}
		if !t.is(fCap) || t.is(fUpper) && t.re-t.rs > 1 {
			break
		}
		k++
		count++
	}
	if count == 0 || count > 4 {
		return 0, false
	}
	// The last word is the surname in most names, the first in some (Kim Jong Un).
	for _, w := range []int32{j, k - 1} {
		t := &p.toks[w]
		p.surnames[foldString(p.text[t.bs:t.be])] = true
	}
	return k, true
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
func (p *pass) references() {
	n := int32(len(p.toks))
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
		for k := mi - 1; k >= 0; k-- {
			m := p.ms[k]
			if i-m.e > maxRefDistance {
				break
			}
			if m.typ != "Person" || m.ref != 0 {
				continue
			}
			if title != nil && !strings.Contains(foldString(p.text[p.toks[m.s].bs:p.toks[m.e-1].be]), foldString(p.text[p.toks[title.s].bs:p.toks[title.e-1].be])) {
				continue
			}
			refs = append(refs, mention{s: i, e: e, typ: "Person", ref: m.s + 1})
			break
		}
		i = e - 1
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

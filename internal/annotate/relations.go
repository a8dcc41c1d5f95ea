package annotate

import (
	"slices"
	"strings"
)

// How far an argument may be from its verb, in tokens.
const (
	maxLeft  = 25
	maxRight = 8
	negScope = 1 // a negation cue binds only a verb at most this many words after it
	nearby   = 2 // an argument of an "adjacent" trigger is at most this many words away
)

// relations binds the arguments of every verb phrase, sentence by sentence.
func (p *pass) relations(sents []span, verbs []item) []relation {
	var out []relation
	seen := map[[3]int]bool{}
	verbs = p.chooseTriggers(verbs)
	mi, vi := 0, 0
	for _, s := range sents {
		for mi < len(p.ms) && p.ms[mi].s < s.s {
			mi++
		}
		m0 := mi
		for mi < len(p.ms) && p.ms[mi].s < s.e {
			mi++
		}
		for vi < len(verbs) && verbs[vi].s < s.s {
			vi++
		}
		v0 := vi
		for vi < len(verbs) && verbs[vi].s < s.e {
			vi++
		}
		sc := sentence{span: s, ms: p.ms[m0:mi], base: m0, out: &out, seen: seen}
		p.sentenceRelations(&sc, verbs[v0:vi])
	}
	slices.SortStableFunc(out, func(a, b relation) int { return int(p.ms[a.a1].s - p.ms[b.a1].s) })
	return out
}

// sentence is what binding the triggers of one sentence needs: its span, its mentions
// (ms, which start at index base of p.ms) and where the relations go.
type sentence struct {
	span
	ms   []mention
	base int
	out  *[]relation
	seen map[[3]int]bool
}

// trigger is one trigger of a sentence with its context: where the next trigger starts,
// and the span from the previous trigger's start to its end, where cues are read.
type trigger struct {
	v                *item
	e                *entry
	next             int32
	cueFrom, prevEnd int32
	prevNoun         bool // the trigger before is an event noun with its agent after "by" or before it
	prevUrged        bool // the trigger before urges: its object, not its subject, does what follows "to"
	accused          []int
}

// sentenceRelations binds the triggers of one sentence in order. A trigger after a denial
// ("denied any role in the attack") states nothing; a trigger may share the subject of the
// one before it.
func (p *pass) sentenceRelations(sc *sentence, vs []item) {
	prevStart, prevEnd := sc.s, sc.s
	var prevG1 []int  // the subject of the previous trigger in the sentence
	var accused []int // the objects of the previous trigger when it criticised them
	denied := false
	for k := range vs {
		t := trigger{v: &vs[k], e: &p.d.entries[vs[k].ents[0]], next: sc.e, cueFrom: prevStart, prevEnd: prevEnd}
		if k+1 < len(vs) {
			t.next = vs[k+1].s
		}
		if k > 0 {
			pe := &p.d.entries[vs[k-1].ents[0]]
			t.prevNoun = pe.arg1 != "" && (pe.arg1[0] == 'B' || pe.arg1[0] == 'P')
			t.prevUrged = pe.rel == "Urged"
		}
		prevStart, prevEnd = t.v.s, t.v.e
		if t.e.denies {
			denied = true
		}
		if t.e.rel == "" || denied {
			continue
		}
		t.accused = accused
		g1, g2 := p.bindTrigger(sc, &t, prevG1)
		if g1 != nil {
			prevG1 = g1
		}
		accused = nil
		if t.e.rel == "Criticised" {
			accused = g2
		}
	}
}

// bindTrigger finds the arguments of one trigger and emits its relations. It returns the
// subject and object lists (nil when none was found).
func (p *pass) bindTrigger(sc *sentence, t *trigger, prevG1 []int) (g1, g2 []int) {
	v, e := t.v, t.e
	sch := schema[e.rel]
	passive := e.arg1 == "L" && e.arg2 != "G" && !p.endsInPrep(v) && p.passive(v)
	g1 = p.subject(sc, t, sch, passive, prevG1)
	if len(g1) == 0 {
		return nil, nil
	}
	attrs := p.cues(t.cueFrom, t.prevEnd, v, e)
	emit := func(a, b int) { p.emit(sc.out, sc.seen, v, e, sch, a, b, attrs) }
	if passive {
		objs, open := p.clauseHead(sc, v, sch[1])
		if len(objs) == 0 {
			objs = p.leftOf(sc, v, open, t.next, sch[1])
		}
		objs = p.notInNoun(t, objs)
		if len(objs) == 0 {
			objs = p.passiveIt(v, sch[1], g1)
		}
		for _, a := range g1 {
			for _, b := range objs {
				emit(a, b)
			}
		}
		return g1, objs
	}
	g2, pairs := p.object(sc, t, sch, g1)
	if len(g2) == 0 && e.arg2 == "L" && p.isWord(sc.s, "among") {
		g2 = p.inverted(sc, v, t.next, sch[1])
	}
	if e.arg2[0] == 'L' && p.endsWithBy(v) {
		g2 = p.notInNoun(t, g2)
	}
	if pairs {
		for x := 0; x < len(g1); x++ {
			for y := x + 1; y < len(g1); y++ {
				emit(g1[x], g1[y])
			}
		}
		return g1, nil
	}
	g1 = append(slices.Clip(g1), p.asDid(sc, v.e, t.next, sch[0])...)
	if len(g2) > 0 {
		// "Egypt recognised it in 1979 and Jordan in 1994": the verb left out after "and".
		g1 = append(g1, p.gapped(sc, p.ms[g2[len(g2)-1]].e, t.next, sch[0], g1)...)
	}
	if len(g2) > 0 && (e.rel == "Signed" || e.rel == "ParticipatedIn") {
		// "signed a deal with Kenya's President", "took part in talks with the Taliban":
		// the other party signs and takes part too.
		g1 = append(slices.Clip(g1), p.withParty(sc, p.ms[g2[len(g2)-1]], sch[0])...)
	}
	for _, a := range g1 {
		for _, b := range g2 {
			emit(a, b)
		}
	}
	return g1, g2
}

// asDid returns the subjects added by ", as did X" between tokens from and next: "Tshisekedi
// took part, as did Kenyatta"; "Iran condemned the strike, as did Iraq and Syria".
func (p *pass) asDid(sc *sentence, from, next int32, allowed typeSet) []int {
	for k := from; k+3 < next; k++ {
		if p.toks[k].punct != ',' || !p.isWord(k+1, "as") || !p.isWord(k+2, "did") {
			continue
		}
		for j, m := range sc.ms {
			if m.s < k+3 {
				continue
			}
			if m.s > k+4 || !allowed[m.typ] {
				return nil
			}
			return p.members(p.listRight(sc.ms, sc.base, j, allowed))
		}
	}
	return nil
}

// isWord reports whether token i is the word w (folded).
func (p *pass) isWord(i int32, w string) bool {
	t := &p.toks[i]
	return t.is(fWord) && foldString(p.text[t.bs:t.be]) == w
}

// withParty returns the list of mentions of an allowed type right after "with" that
// follows event mention ev: "a deal with A and B".
func (p *pass) withParty(sc *sentence, ev mention, allowed typeSet) []int {
	if !eventTypes[ev.typ] || int(ev.e) >= len(p.toks) || foldString(p.text[p.toks[ev.e].bs:p.toks[ev.e].be]) != "with" {
		return nil
	}
	for k, m := range sc.ms {
		if m.s <= ev.e {
			continue
		}
		if m.s > ev.e+2 || !allowed[m.typ] {
			return nil
		}
		return p.members(p.listRight(sc.ms, sc.base, k, allowed))
	}
	return nil
}

// subject returns the Arg1 list of a trigger.
func (p *pass) subject(sc *sentence, t *trigger, sch [2]typeSet, passive bool, prevG1 []int) []int {
	v, e := t.v, t.e
	var g1 []int
	if e.arg1 == "L" && t.prevUrged && v.s > 0 && p.isWord(v.s-1, "to") && !p.fitsBetween(sc, t.prevEnd, v.s-1, sch[0]) {
		return nil // "urged the Gulf states to hold talks": those urged act, and are no actor
	}
	switch {
	case passive:
		// "The deal was signed by A, by B and by C": the agents follow "by", the
		// subject is the object. Without "by" the agent is not stated.
		return p.byList(sc.ms, sc.base, v.e, t.next, sch[0], true)
	case e.arg1 == "R" && p.endsWithBy(v):
		g1 = p.byList(sc.ms, sc.base, v.e, t.next, sch[0], false)
	case e.arg1[0] == 'L' && len(t.accused) > 0 && p.afterOfFor(v):
		// "Iran and Russia were accused by the US of attacking Ukraine": the accused.
		g1 = fit(t.accused, p.ms, sch[0])
	case e.arg1 == "L" && prevG1 != nil && v.s > 0 && t.prevEnd == v.s-1 && p.isWord(v.s-1, "to") && !t.prevUrged:
		// "refused to meet", "agreed to establish": the infinitive after a trigger.
		g1 = fit(prevG1, p.ms, sch[0])
	case e.arg1 == "L" && v.s > 0 && p.isWord(v.s-1, "and") && p.subordinateBefore(sc, v.s-1) >= 0:
		// "Blinken questioned why the government had needed help and urged": the subject
		// of a verb after "and" is before the subordinate clause the verb follows.
		g1 = p.leftOf(sc, v, p.subordinateBefore(sc, v.s-1), t.next, sch[0])
	case e.arg1 == "L" && prevG1 != nil && v.s > 0 && p.isWord(v.s-1, "to") && !t.prevUrged && !p.fitsBetween(sc, t.prevEnd, v.s-1, sch[0]):
		// "flew to Banjul on Friday to mediate between": an infinitive of purpose has
		// the subject of the trigger before it when no possible subject comes between
		// (not after "urged the Gulf states to hold talks", where the urged act).
		g1 = fit(prevG1, p.ms, sch[0])
	case e.arg1 == "L" && prevG1 != nil && p.sharesSubject(v, t.cueFrom):
		// "praised China and thanked Oman", "…, accusing Doha of": the subject of
		// the previous verb.
		g1 = fit(prevG1, p.ms, sch[0])
	}
	if len(g1) > 0 {
		return g1
	}
	open := int32(-1)
	if e.arg1[0] == 'L' {
		// "Merkel and Macron, who have mediated between Kyiv and Moscow, welcomed": the
		// subject is before the relative clause.
		if g1, open = p.clauseHead(sc, v, sch[0]); len(g1) > 0 {
			return g1
		}
	}
	for _, side := range e.arg1 {
		switch side {
		case 'L':
			g1 = p.leftOf(sc, v, open, t.next, sch[0])
		case 'B':
			// "the release of X by Y": the agents after "by".
			g1 = p.byList(sc.ms, sc.base, v.e, t.next, sch[0], true)
		case 'P':
			g1 = p.possessorBefore(sc, v, sch[0]) // "Kyiv's release of X"
		case 'I':
			g1 = p.insideGap(sc, v, e, sch[0], nil) // "killed in a US drone strike"
		default:
			g1 = p.find(sc.ms, sc.base, v, side, sch[0], sc.span, t.next)
		}
		if len(g1) > 0 {
			return g1
		}
	}
	return nil
}

// object returns the Arg2 list of an active trigger, or pairs when the relation holds
// between the members of the subject list ("Kerry and Lavrov spoke").
func (p *pass) object(sc *sentence, t *trigger, sch [2]typeSet, g1 []int) (g2 []int, pairs bool) {
	v, e := t.v, t.e
	if strings.ContainsRune(e.arg2, 'R') && int(v.e) < len(p.toks) {
		// "Egypt recognised it", "welcomed them", "who thanked him": what the pronoun
		// stands for.
		if personal, ok := p.an.objPronouns[p.toks[v.e].word]; ok && p.toks[v.e].word >= 0 && p.objectPronoun(v.e, personal) {
			if l := p.themList(sc, v, sch[1], g1); len(l) > 1 {
				return l, false
			}
			if a := p.pronounAntecedent(v.s, personal, sch[1], g1); a >= 0 {
				return []int{a}, false
			}
			return nil, false
		}
	}
	for _, side := range e.arg2 {
		if side == 'G' {
			if len(g1) > 1 {
				return nil, true
			}
			continue
		}
		if side == 'I' {
			// "called the raid an authoritarian act": the object inside the gap.
			if g2 = p.insideGap(sc, v, e, sch[1], g1); len(g2) > 0 {
				break
			}
			continue
		}
		if side == 'E' || side == 'V' {
			// "talks with Pence": the event the trigger opens; "the talks …, with Mnuchin
			// as mediator": the event named before it.
			if g2 = p.eventSide(sc, v, side, sch[1]); len(g2) > 0 {
				break
			}
			continue
		}
		if side == 'W' {
			// "discussed the swap with Zelensky": the party after "with".
			if g2 = p.withList(sc, v.e, t.next, sch[1]); len(g2) > 0 {
				break
			}
			continue
		}
		if side == 'L' {
			// "Rusesabagina, a Belgian citizen who …, was arrested by": before the clause.
			var open int32
			if g2, open = p.clauseHead(sc, v, sch[1]); len(g2) == 0 {
				g2 = p.leftOf(sc, v, open, t.next, sch[1])
			}
		} else {
			g2 = p.find(sc.ms, sc.base, v, side, sch[1], sc.span, t.next)
		}
		if len(g2) > 0 {
			break
		}
	}
	if len(g2) == 0 && e.arg1 == "L" && strings.ContainsRune(e.arg2, 'R') {
		// "Jabhat Fateh al-Sham, which Russian jets continue to bomb": the object is
		// what the relative pronoun before the subject stands for.
		g2 = p.relativeObject(sc.ms, sc.base, g1, sch[1])
	}
	if len(g2) == 0 && e.rel == "ParticipatedIn" && (int(v.e) >= len(p.toks) || p.toks[v.e].punct != 0) {
		// "Tshisekedi and Ndayishimiye took part.": in the event named just before.
		if a := p.eventBefore(v.s, sch[1]); a >= 0 {
			g2 = []int{a}
		}
	}
	if len(g2) == 0 && e.arg1 == "R" && p.endsWithBy(v) {
		// "air strikes by the coalition on the Houthis": the target after the agents.
		g2 = p.onTarget(sc.ms, sc.base, p.ms[g1[len(g1)-1]].e, t.next, sch[1])
		if len(g2) == 0 {
			g2 = p.passiveIt(v, sch[1], g1) // "It was signed by …"
		}
	}
	return g2, false
}

// themList returns the list that "them" after trigger v stands for when the nearest
// earlier mention of an allowed type ends a list of two or more, people too ("spoke with
// Japarov and Rahmon and urged them"); nil otherwise.
func (p *pass) themList(sc *sentence, v *item, allowed typeSet, g1 []int) []int {
	if !strings.EqualFold(p.text[p.toks[v.e].bs:p.toks[v.e].be], "them") {
		return nil
	}
	for k := len(sc.ms) - 1; k >= 0; k-- {
		m := sc.ms[k]
		if m.e > v.s || !allowed[m.typ] || eventTypes[m.typ] || m.typ == "Date" || slices.Contains(g1, sc.base+k) {
			continue
		}
		l := p.listLeft(sc.ms, sc.base, k, allowed)
		for _, x := range l {
			if slices.Contains(g1, x) {
				return nil
			}
		}
		return l
	}
	return nil
}

// objectPronoun reports whether the pronoun at token i stands alone as an object: "her"
// is a possessive when a word follows it ("her luggage").
func (p *pass) objectPronoun(i int32, personal bool) bool {
	if !personal || p.toks[i].word != p.an.wHer {
		return true
	}
	if int(i+1) >= len(p.toks) {
		return true
	}
	nx := &p.toks[i+1]
	return !nx.is(fWord) || p.wordIs(i+1, kPrep) || nx.word == p.an.wAs
}

// passiveIt returns the object of a passive whose subject is "it" or "they" ("It was
// signed by …"): the event or actor that the pronoun stands for.
func (p *pass) passiveIt(v *item, allowed typeSet, g1 []int) []int {
	k := v.s - 1
	for k >= 0 && (p.an.aux[p.toks[k].word] || p.an.adverbs[p.toks[k].word]) && p.toks[k].word >= 0 {
		k--
	}
	if k < 0 || p.toks[k].word < 0 || !p.an.subjectIt[p.toks[k].word] {
		return nil
	}
	if a := p.pronounAntecedent(k, false, allowed, g1); a >= 0 {
		return []int{a}
	}
	return nil
}

// pronounAntecedent returns the mention a pronoun before token i stands for: the nearest
// earlier mention of an allowed type, a person for him and her and not a person for it
// and them, that is not in the list g (the subject), at most maxRefDistance tokens back;
// -1 when there is none.
func (p *pass) pronounAntecedent(i int32, personal bool, allowed typeSet, g []int) int {
	k, _ := slices.BinarySearchFunc(p.ms, i, func(m mention, i int32) int { return int(m.s - i) })
	for k--; k >= 0; k-- {
		m := p.ms[k]
		if i-m.e > maxRefDistance {
			break
		}
		if m.ref != 0 || !allowed[m.typ] || (m.typ == "Person") != personal || m.typ == "Date" || slices.Contains(g, k) {
			continue
		}
		if slices.ContainsFunc(g, func(x int) bool { return p.sameName(p.ms[x], m) }) {
			continue
		}
		// "released Díaz, the father of Luis Díaz, … seized him": the described person.
		if h := p.describedBy(p.ms, k, i, allowed); h >= 0 && (p.ms[h].typ == "Person") == personal {
			return h
		}
		return k
	}
	return -1
}

// eventSide returns the event the trigger v opens (side E) or the nearest one named before
// it (side V).
func (p *pass) eventSide(sc *sentence, v *item, side rune, allowed typeSet) []int {
	if side == 'E' {
		if g := p.eventAt(sc, v.s, allowed); len(g) > 0 {
			return g
		}
		return p.eventEnding(sc, v, allowed)
	}
	if a := p.eventBefore(v.s, allowed); a >= 0 {
		return []int{a}
	}
	return nil
}

// eventEnding returns the event mention of an allowed type that ends trigger v, the tail
// of a gapped phrase ("held their first summit"), or nil.
func (p *pass) eventEnding(sc *sentence, v *item, allowed typeSet) []int {
	for j := len(sc.ms) - 1; j >= 0; j-- {
		if m := sc.ms[j]; m.e == v.e && m.s >= v.s && eventTypes[m.typ] && allowed[m.typ] {
			return []int{sc.base + j}
		}
	}
	return nil
}

// eventBefore returns the nearest event mention of an allowed type before token i, at
// most maxRefDistance tokens back, or -1.
func (p *pass) eventBefore(i int32, allowed typeSet) int {
	k, _ := slices.BinarySearchFunc(p.ms, i, func(m mention, i int32) int { return int(m.s - i) })
	for k--; k >= 0; k-- {
		m := p.ms[k]
		if i-m.e > maxRefDistance {
			break
		}
		if eventTypes[m.typ] && allowed[m.typ] {
			return k
		}
	}
	return -1
}

// sameName reports whether two mentions have the same text.
func (p *pass) sameName(a, b mention) bool {
	return p.text[p.toks[a.s].bs:p.toks[a.e-1].be] == p.text[p.toks[b.s].bs:p.toks[b.e-1].be]
}

// emit appends the relation of trigger v between mentions a and b unless it is there already.
func (p *pass) emit(out *[]relation, seen map[[3]int]bool, v *item, e *entry, sch [2]typeSet, a, b int, attrs []string) {
	if e.rel == "Visited" && p.ms[b].typ == "State" && p.ms[b].ref == 0 {
		// The place visited is a place: "visited Caracas", "a trip to China".
		p.ms[b].typ = "Location"
	}
	a, b = p.target(a), p.target(b)
	if a == b || !sch[0][p.ms[a].typ] || !sch[1][p.ms[b].typ] {
		return
	}
	key := [3]int{int(v.ents[0]), a, b}
	if seen[key] {
		return
	}
	seen[key] = true
	*out = append(*out, relation{typ: e.rel, a1: a, a2: b, attrs: attrs})
}

// fit keeps the mentions of g whose type is allowed.
func fit(g []int, ms []mention, allowed typeSet) []int {
	var out []int
	for _, i := range g {
		if allowed[ms[i].typ] {
			out = append(out, i)
		}
	}
	return out
}

// passive reports whether an active trigger (attacked, signed) follows a form of "be":
// "X was attacked by Y".
func (p *pass) passive(v *item) bool {
	if w := p.text[p.toks[v.s].bs:p.toks[v.s].be]; strings.HasSuffix(w, "ing") {
		return false // "has been bombing", "is fighting"
	}
	k := v.s - 1
	if k >= 0 && p.an.adverbs[p.toks[k].word] {
		k--
	}
	return k >= 0 && p.toks[k].word >= 0 && p.an.aux[p.toks[k].word]
}

// endsWithBy reports whether the trigger's last word is "by" (attacked by, brokered by).
func (p *pass) endsWithBy(v *item) bool { return p.toks[v.e-1].word == p.an.wBy }

// byList returns the mentions of an allowed type that follow "by" between token from and
// next: "signed in Beijing by A, the head of X, and by B" gives A and B. The first "by"
// must come within maxRight tokens unless it ends the trigger (first).
func (p *pass) byList(ms []mention, base int, from, next int32, allowed typeSet, search bool) []int {
	if search {
		// The first "by" comes soon after the trigger: "was signed in Beijing by".
		k := from
		for ; k < next && k < from+maxRight; k++ {
			if p.toks[k].word == p.an.wBy {
				break
			}
			if r := p.toks[k].punct; r == ',' || r == ';' || r == ':' || r == '(' {
				return nil
			}
		}
		if k >= next || k >= from+maxRight {
			return nil
		}
		from = k + 1
	}
	var g []int
	for k := range ms {
		m := ms[k]
		if m.s < from {
			continue
		}
		if m.s >= next {
			break
		}
		// Is there a "by" right before the mention (determiners between)?
		j := m.s - 1
		for j >= from && (p.toks[j].word == p.an.wThe || p.toks[j].word == p.an.wA || p.toks[j].word == p.an.wAn) {
			j--
		}
		by := j == from-1 || j >= from && p.toks[j].word == p.an.wBy || len(g) > 0 && p.helpedBy(j, from)
		if !by {
			if len(g) > 0 && allowed[m.typ] && sameKind(p.ms[g[len(g)-1]], m) && p.joined(p.ms[g[len(g)-1]], m) && !p.possessor(m) {
				g = append(g, base+k)
			}
			continue
		}
		if allowed[m.typ] {
			g = append(g, base+k)
		}
	}
	return g
}

// subordinators open a clause inside which no subject of a later coordinated verb lies.
var subordinators = map[string]bool{"why": true, "whether": true, "how": true, "that": true, "said": true, "says": true}

// subordinateBefore returns the first token of a subordinator (why, whether, how, that,
// or a verb of saying whose clause has no "that") between the sentence start and token i
// with no comma or trigger word after it, or -1; of several, the outermost ("said
// Washington had seen no sign that Russia was serious, and urged"). A comma right before
// i ("…, and urged") is passed over: "Wu said Taipei was closing its embassy, and accused
// Beijing".
func (p *pass) subordinateBefore(sc *sentence, i int32) int32 {
	from, found := i-1, int32(-1)
	if from > sc.s && p.toks[from].punct == ',' {
		from--
	}
	for k := from; k > sc.s; k-- {
		t := &p.toks[k]
		if t.punct == ',' || t.punct == ';' || p.verbAt[k] {
			return found
		}
		if t.is(fWord) && subordinators[foldString(p.text[t.bs:t.be])] {
			found = k
		}
	}
	return found
}

// inverted returns the object of trigger v in a sentence that opens with "Among": the
// list right after the "was" or "were" that follows v ("Among those freed by Moscow was
// the film director Oleg Sentsov").
func (p *pass) inverted(sc *sentence, v *item, next int32, allowed typeSet) []int {
	for k := v.e; k < next && k < sc.e; k++ {
		if !p.isWord(k, "was") && !p.isWord(k, "were") {
			continue
		}
		for x, m := range sc.ms {
			if m.s == k+1 || m.s == k+2 && p.toks[k+1].word == p.an.wThe {
				if !allowed[m.typ] {
					return nil
				}
				return p.members(p.listRight(sc.ms, sc.base, x, allowed))
			}
		}
		return nil
	}
	return nil
}

// fitsBetween reports whether a mention of an allowed type lies in tokens [from, to) of
// the sentence.
func (p *pass) fitsBetween(sc *sentence, from, to int32, allowed typeSet) bool {
	for _, m := range sc.ms {
		if m.s >= from && m.e <= to && allowed[m.typ] {
			return true
		}
	}
	return false
}

// sharesSubject reports whether trigger v continues the clause of the previous trigger
// (which started at prev) without a subject of its own: "praised China and thanked Oman",
// "cut ties with Qatar, accusing Doha of".
func (p *pass) sharesSubject(v *item, prev int32) bool {
	if prev >= v.s {
		return false
	}
	k := v.s - 1
	for k > prev && p.an.adverbs[p.toks[k].word] {
		k--
	}
	t := &p.toks[k]
	if t.word == p.an.wAnd {
		return true
	}
	if t.punct == ',' {
		w := p.text[p.toks[v.s].bs:p.toks[v.s].be]
		return len(w) > 4 && strings.HasSuffix(w, "ing")
	}
	return false
}

// onTarget returns the list of mentions right after "on", "against" or "targeting" at token
// from (determiners between), before the next trigger.
func (p *pass) onTarget(ms []mention, base int, from, next int32, allowed typeSet) []int {
	if from >= int32(len(p.toks)) {
		return nil
	}
	w := p.toks[from].word
	if w < 0 || !p.an.targetPreps[w] {
		return nil
	}
	for k := range ms {
		m := ms[k]
		if m.s <= from {
			continue
		}
		if m.s >= next || m.s-from > 3 || !allowed[m.typ] {
			return nil
		}
		return p.members(p.listRight(ms, base, k, allowed))
	}
	return nil
}

// helpPhrases join more agents to a passive's: "brokered by Qatar with the help of Egypt".
var helpPhrases = [][]string{{"with", "the", "help", "of"}, {"with", "the", "support", "of"},
	{"together", "with"}, {"along", "with"}, {"alongside"}}

// helpedBy reports whether one of helpPhrases ends at token j (after token from).
func (p *pass) helpedBy(j, from int32) bool {
	for _, ph := range helpPhrases {
		s := j - int32(len(ph)) + 1
		if s < from {
			continue
		}
		ok := true
		for x, w := range ph {
			t := &p.toks[s+int32(x)]
			if !t.is(fWord) || foldString(p.text[t.bs:t.be]) != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// relativeObject returns the antecedent of "which", "whom" or "that" right before the
// subject g1 (", which Russian jets bomb"), with the list it ends.
func (p *pass) relativeObject(ms []mention, base int, g1 []int, allowed typeSet) []int {
	first := p.ms[g1[0]]
	k := first.s - 1
	for k >= 0 && (p.toks[k].word == p.an.wThe || p.toks[k].word == p.an.wA || p.toks[k].word == p.an.wAn) {
		k--
	}
	if k < 1 || p.toks[k].word < 0 || !p.an.relatives[p.toks[k].word] {
		return nil
	}
	if p.toks[k-1].punct == ',' {
		k--
	}
	for j := len(ms) - 1; j >= 0; j-- {
		m := ms[j]
		if m.e > k {
			continue
		}
		if m.e != k || !allowed[m.typ] {
			return nil
		}
		return p.members(p.listLeft(ms, base, j, allowed))
	}
	return nil
}

// ofBetween reports whether only "of" and determiners lie between mentions a and b.
func (p *pass) ofBetween(a, b mention) bool {
	of := false
	for k := a.e; k < b.s; k++ {
		switch w := p.toks[k].word; {
		case w == p.an.wOf:
			of = true
		case w == p.an.wThe || w == p.an.wA || w == p.an.wAn:
		default:
			return false
		}
	}
	return of
}

// afterBy reports whether "by" (and determiners) comes right before mention m.
func (p *pass) afterBy(m mention) bool {
	j := m.s - 1
	for j >= 0 && (p.toks[j].word == p.an.wThe || p.toks[j].word == p.an.wA || p.toks[j].word == p.an.wAn) {
		j--
	}
	return j >= 0 && p.toks[j].word == p.an.wBy
}

// sameKind reports whether two mentions are both events or both actors: a list does not
// run from "the accords" on to "Oman".
func sameKind(a, b mention) bool { return eventTypes[a.typ] == eventTypes[b.typ] }

// find returns the list of mentions (indices into p.ms) nearest to the verb on side L or R
// whose type is allowed: the nearest fitting mention and the mentions joined to it by
// commas and "and". To the right the search stops at a comma or other verb before a
// mention is found; next is where the next verb starts.
func (p *pass) find(ms []mention, base int, v *item, side rune, allowed typeSet, s span, next int32) []int {
	left, right := int32(maxLeft), int32(maxRight)
	if p.d.entries[v.ents[0]].adjacent {
		left, right = nearby, nearby
	}
	switch side {
	case 'L':
		for k := len(ms) - 1; k >= 0; k-- {
			m := ms[k]
			if m.e > v.s {
				continue
			}
			if v.s-m.e > left || p.barrier(m.e, v.s, ";:") || p.wordBetween(m.e, v.s, p.an.rw.where) {
				return nil // "Khartoum, where army jets bombed": the place is no subject
			}
			if !allowed[m.typ] || v.s-m.e > 2 && p.possessorOfNoun(m) {
				continue // "Sudan's warring forces sign": the forces sign ("Obama's visit to" is his)
			}
			if p.endsWithBy(v) && p.afterBy(m) {
				continue // "hosted by A and mediated by B": A is an agent, not what B mediated
			}
			// "a meeting of the Shanghai Cooperation Organisation (SCO) hosted by Russia": the
			// meeting, not the organisation (nor its acronym).
			j := k
			if j > 0 && m.s > 0 && p.toks[m.s-1].punct == '(' && ms[j-1].e == m.s-1 {
				j--
			}
			if j > 0 && eventTypes[ms[j-1].typ] && !eventTypes[m.typ] && allowed[ms[j-1].typ] && p.ofBetween(ms[j-1], ms[j]) {
				k = j - 1
				m = ms[k]
			}
			// "Hezbollah, the armed movement backed by Iran, had threatened": the subject is
			// the name the description follows, not a name inside the description.
			if h := p.describedBy(ms, k, v.s, allowed); h >= 0 {
				k = h
			}
			g := p.members(p.listLeft(ms, base, k, allowed))
			if ev := p.eventHead(ms, base, g, allowed); ev >= 0 {
				return []int{ev} // "The talks between Israel and Hamas were mediated by Qatar"
			}
			if ev := p.placedEvent(ms, base, g, v, allowed); ev >= 0 {
				return []int{ev} // "a ceremony on the South Lawn of the White House hosted by"
			}
			return g
		}
	case 'R':
		for k := range ms {
			m := ms[k]
			if m.s < v.e {
				continue
			}
			// An event noun that opens the next trigger is this verb's object: "condemned
			// the attack on the port".
			if m.s-v.e > right || m.s >= next && !(m.s == next && eventTypes[m.typ]) || p.barrier(v.e, m.s, ",;:.(") || p.prepBetween(v.e, m.s) {
				return nil
			}
			if !allowed[m.typ] || p.placeAfter(v, m) {
				continue
			}
			// "called on Niger's junta": the object is what the possessor has.
			if p.possessor(m) && k+1 < len(ms) && ms[k+1].s == m.e+1 && allowed[ms[k+1].typ] {
				k++
			}
			return p.members(p.listRight(ms, base, k, allowed))
		}
	}
	return nil
}

// listLeft returns mention k of ms (as an index into p.ms) with the list it ends: the
// mentions before it joined by commas and one "and" or "or" ("Erdogan and Guterres, and
// Guterres condemned": the list is the second Guterres and the one before).
func (p *pass) listLeft(ms []mention, base, k int, allowed typeSet) []int {
	g := []int{base + k}
	conj := false
	for j := k - 1; j >= 0 && allowed[ms[j].typ] && sameKind(ms[j], ms[j+1]) && p.joined(ms[j], ms[j+1]); j-- {
		if c := p.conjunctionBetween(ms[j], ms[j+1]); c && conj {
			break
		} else if c {
			conj = true
		}
		d := j
		if d > 0 && p.possessor(ms[d-1]) && ms[d-1].e+1 == ms[d].s {
			d-- // "A, head of Kenya's X Board, and B"
		}
		if c, ok := p.bareDescription(ms[d]); ok && d > 0 && ms[d-1].e == c && allowed[ms[d-1].typ] {
			j = d - 1 // "A, head of the X Board, and B signed": A signed, not the board
		}
		g = append(g, base+j)
	}
	return g
}

// bareDescription returns the comma that opens a description without a determiner which
// mention m ends the object of (", head of the X Board", ", chief of X"): one or two
// lower-case words and "of", with "the" before m or not.
func (p *pass) bareDescription(m mention) (int32, bool) {
	i := m.s - 1
	if i >= 0 && p.toks[i].word == p.an.wThe {
		i--
	}
	if i < 2 || !p.isWord(i, "of") {
		return 0, false
	}
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if p.toks[k].punct == ',' && k < i-1 {
			return k, true
		}
		if !p.toks[k].is(fWord) || p.toks[k].is(fCap) {
			return 0, false
		}
	}
	if i >= 3 && p.toks[i-3].punct == ',' {
		return i - 3, true
	}
	return 0, false
}

// listRight returns mention k of ms with the list it opens. The list has one "and" or
// "or", and a member that a verb follows opens a clause of its own ("criticised China,
// and Washington said").
func (p *pass) listRight(ms []mention, base, k int, allowed typeSet) []int {
	g := []int{base + k}
	conj := false
	prev := ms[k]
	for j := k + 1; j < len(ms); j++ {
		if !p.joined(prev, ms[j]) {
			// "Sheikh Tamim, the emir of Qatar, and Egypt's president": the list goes on
			// after the description.
			end, ok := p.appositionAfter(prev)
			if !ok {
				break
			}
			// "Kirill Vyshinsky, the head of X, who was detained in 2018, and Tsemakh".
			for e, more := p.appositionAfter(mention{s: end, e: end}); more; e, more = p.appositionAfter(mention{s: end, e: end}) {
				end = e
			}
			for j < len(ms) && ms[j].s < end {
				j++
			}
			if j == len(ms) || !p.joined(mention{s: end, e: end}, ms[j]) {
				break
			}
			prev = mention{s: end, e: end, typ: prev.typ}
		}
		if !allowed[ms[j].typ] || !sameKind(prev, ms[j]) {
			break
		}
		c := p.conjunctionBetween(prev, ms[j])
		if c && conj || p.clauseSubject(ms[j]) && p.barrier(prev.e, ms[j].s, ",") || p.possessor(ms[j]) {
			break
		}
		conj = conj || c
		g = append(g, base+j)
		prev = ms[j]
	}
	return g
}

// appositionAfter returns the comma that closes a description after mention m (", the
// emir of Qatar,"), when one follows it: a determiner, a lower-case word and at most eight
// more tokens before the comma.
func (p *pass) appositionAfter(m mention) (int32, bool) {
	n := int32(len(p.toks))
	i := m.e
	if i+2 >= n || p.toks[i].punct != ',' {
		return 0, false
	}
	d := p.toks[i+1].word
	rel := d >= 0 && (d == p.an.rw.who || d == p.an.rw.which || d == p.an.rw.whose)
	if !rel && (d < 0 || d != p.an.wThe && d != p.an.wA && d != p.an.wAn || !p.toks[i+2].is(fWord) || p.toks[i+2].is(fCap)) {
		return 0, false
	}
	for k := i + 3; k < n && k < i+12; k++ {
		switch p.toks[k].punct {
		case ',':
			return k, true
		case '.', ';', ':', '(', ')':
			return 0, false
		}
	}
	return 0, false
}

// possessor reports whether "'s" follows mention m: it then opens a description ("Wang
// Yi, China's top diplomat"), and is not a member of the list before it.
func (p *pass) possessor(m mention) bool {
	return int(m.e) < len(p.toks) && p.toks[m.e].word == p.an.wPoss
}

// conjunctionBetween reports whether "and" or "or" lies between mentions a and b.
func (p *pass) conjunctionBetween(a, b mention) bool {
	for k := a.e; k < b.s; k++ {
		if w := p.toks[k].word; w >= 0 && (w == p.an.wAnd || w == p.an.wOr) {
			return true
		}
	}
	return false
}

// clauseVerbs are verbs that, right after a name, make it the subject of a clause.
var clauseVerbs = map[string]bool{"said": true, "says": true, "say": true, "told": true, "added": true,
	"has": true, "have": true, "had": true, "is": true, "was": true, "were": true, "are": true,
	"will": true, "would": true, "could": true, "can": true, "did": true, "does": true, "also": true}

// clauseSubject reports whether a verb follows mention m: a lower-case word of
// clauseVerbs or ending in -ed ("Washington said", "Russia warned").
func (p *pass) clauseSubject(m mention) bool {
	if int(m.e) >= len(p.toks) {
		return false
	}
	t := &p.toks[m.e]
	if !t.is(fWord) || t.is(fCap) || t.is(fDigit) {
		return false
	}
	w := foldString(p.text[t.bs:t.be])
	return clauseVerbs[w] || len(w) > 4 && strings.HasSuffix(w, "ed")
}

// describedBy returns the index in ms of the mention whose description (", the …,")
// holds mention k and ends before token vs, when that mention's type is allowed; else -1.
func (p *pass) describedBy(ms []mention, k int, vs int32, allowed typeSet) int {
	for j := k - 1; j >= 0 && ms[k].s-ms[j].e <= 12; j-- {
		end, ok := p.appositionAfter(ms[j])
		if !ok {
			continue
		}
		if ms[k].s > ms[j].e && ms[k].e <= end && end < vs && allowed[ms[j].typ] {
			return j
		}
		return -1
	}
	return -1
}

// members drops parenthesised aliases ("Islamic State (IS)") from a list, keeping the order
// of the text.
func (p *pass) members(g []int) []int {
	slices.Sort(g)
	var out []int
	for _, i := range g {
		m := p.ms[i]
		if len(g) > 1 && m.s > 0 && p.toks[m.s-1].punct == '(' && int(m.e) < len(p.toks) && p.toks[m.e].punct == ')' {
			continue
		}
		out = append(out, i)
	}
	return out
}

// barrier reports whether a token between a and b is one of the marks.
func (p *pass) barrier(a, b int32, marks string) bool {
	for k := a; k < b; k++ {
		if r := p.toks[k].punct; r != 0 {
			for _, m := range marks {
				if r == m {
					return true
				}
			}
		}
	}
	return false
}

// joined reports whether two mentions are neighbours in a list: only commas, and, or,
// as well as, determiners, possessives and brackets lie between them.
func (p *pass) joined(a, b mention) bool {
	if b.s < a.e {
		return false
	}
	sep := false
	for k := a.e; k < b.s; k++ {
		t := &p.toks[k]
		switch {
		case t.punct == ',' || t.punct == '(' || t.punct == ')':
			sep = true
		case t.word < 0:
			return false
		case t.word == p.an.wAnd || t.word == p.an.wOr:
			sep = true
		case t.word == p.an.wThe || t.word == p.an.wBoth || t.word == p.an.wAs || t.word == p.an.wWell || p.an.poss[t.word]:
		case p.an.rw.listPreps[t.word] && k > a.e && (p.toks[k-1].word == p.an.wAnd || p.toks[k-1].word == p.an.wOr || p.an.rw.listPreps[p.toks[k-1].word]):
			// "at Ain al-Asad and at Erbil": the preposition repeated after "and"
		case k+1 == b.s && sep && listAdjectives[foldString(p.text[t.bs:t.be])]:
			// "Turkish troops and allied Syrian rebels"
		default:
			return false
		}
	}
	return sep
}

// listAdjectives may open the last member of a list: "Turkish troops and allied Syrian
// rebels", "Russia and other CSTO members".
var listAdjectives = map[string]bool{"allied": true, "other": true, "fellow": true, "partner": true}

// cues returns the attributes of the relation of verb v: those its dictionary entry sets,
// and the cues from the start of the previous verb (from) to v. The previous verb's own
// words count only as speculation ("accused the rebels of attacking"), up to prevEnd. A
// negation cue counts only right before the verb.
func (p *pass) cues(from, prevEnd int32, v *item, e *entry) []string {
	var attrs []string
	addAttr := func(a string) {
		for _, x := range attrs {
			if x == a {
				return
			}
		}
		attrs = append(attrs, a)
	}
	for _, a := range e.attrs {
		addAttr(a)
	}
	// A cue does not reach over the start of another clause (", and Wang blamed India").
	for k := v.s - 1; k > from; k-- {
		if r := p.toks[k].punct; r == ';' || r == ',' && k+1 < v.s && p.an.clauseWords[p.toks[k+1].word] {
			from = k + 1
			break
		}
	}
	for k := from; k < v.s; k++ {
		it := p.itemAt(k)
		c := p.has(it, kCue)
		if c == nil || p.toks[k].is(fCap) && !p.sentStartAt(k) {
			continue // "in May 2022" is no "may"
		}
		if c.typ == "Negation" && v.s-it.e > negScope || c.typ == "Proposed" && k < prevEnd {
			continue
		}
		addAttr(c.typ)
	}
	return attrs
}

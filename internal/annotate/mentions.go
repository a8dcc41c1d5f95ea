package annotate

import "strings"

// Rules for entity mentions added in issue 13's entity round: unknown names typed by their
// head word, people introduced without a title, the opposition named, aliases after
// "known as", and place names around place nouns.

// bodyHeads are the last words of the names of bodies, and the type such a name has:
// "the Shanghai Cooperation Organisation", "the National Legislative Assembly".
var bodyHeads = map[string]string{}

func init() {
	for _, w := range strings.Fields(`organisation organization union community alliance
		association commission agency bank fund institute court forum`) {
		bodyHeads[w] = "Organisation"
	}
	for _, w := range strings.Fields(`assembly parliament ministry cabinet senate congress
		legislature duma knesset`) {
		bodyHeads[w] = "Government"
	}
}

// nameConnectors may stand inside the name of a body: the Organisation for the Prohibition
// of Chemical Weapons, the Council for Peace and Order.
var nameConnectors = map[string]bool{"of": true, "for": true, "and": true, "on": true, "the": true}

// bodyName matches the name of a body that no dictionary knows as a whole: two to eight
// capitalised words (known names among them, and of, for, and, on, the between them)
// whose last word is a body's head. A known name inside it is not taken for itself
// ("Shanghai" in "the Shanghai Cooperation Organisation").
func (p *pass) bodyName(i int32) (int32, string, bool) {
	n := int32(len(p.toks))
	t := &p.toks[i]
	if !t.is(fWord) || !t.is(fCap) || i > 0 && p.toks[i-1].is(fCap) && p.toks[i-1].is(fWord) && !p.function(i-1) {
		return 0, "", false
	}
	if p.function(i) {
		return 0, "", false
	}
	end, words, typ, last := int32(-1), 0, "", i
	for k := i; k < n && words < 8; k++ {
		tk := &p.toks[k]
		if !tk.is(fWord) || k > i && tk.is(fNewline) {
			break
		}
		w := foldString(p.text[tk.bs:tk.be])
		if !tk.is(fCap) {
			if nameConnectors[w] && k+1 < n && p.toks[k+1].is(fCap) {
				continue
			}
			break
		}
		words++
		last = k
		switch {
		case words < 2:
		case bodyHeads[w] != "":
			end, typ = k+1, bodyHeads[w]
		case w == "forces" || w == "force":
			end, typ = k+1, p.forcesType(i, k)
		case w == "council" || w == "committee" || w == "command":
			end, typ = k+1, p.councilType(i, k)
		case (w == "front" || w == "army") && liberationWords[foldString(p.text[p.toks[k-1].bs:p.toks[k-1].be])] && !p.afterPossessive(i):
			// "the Baluchistan Liberation Front", "the Baloch Liberation Army" (not the tail
			// of "the Tigray People's Liberation Front", which the acronym rule takes whole)
			end, typ = k+1, "ArmedGroup"
		}
	}
	if end < 0 {
		return 0, "", false
	}
	end, typ = p.councilTail(i, end, last, typ)
	if it := p.itemAt(i); it != nil && it.e >= end {
		return 0, "", false // the dictionary knows the whole name
	}
	return end, typ, true
}

// councilHeads end the names of councils, committees and commissions.
var councilHeads = map[string]bool{"council": true, "committee": true, "commission": true}

// councilTail finishes the name of a council over tokens [i, end) whose capitalised words
// run on to token last: the name goes on over "for", "on" or "of" and capitalised words no
// dictionary knows ("the State Committee for National Security"), and a council of a state
// named before it with "'s" is part of its government ("Peru's National Water Commission").
func (p *pass) councilTail(i, end, last int32, typ string) (int32, string) {
	if !councilHeads[p.folded(end-1)] {
		return end, typ
	}
	if last > end && (p.folded(end) == "for" || p.folded(end) == "on" || p.folded(end) == "of") {
		tail := true
		for k := end + 1; k <= last; k++ {
			if p.toks[k].is(fCap) && p.itemAt(k) != nil {
				tail = false
			}
		}
		if tail {
			end = last + 1
		}
	}
	if i >= 2 && p.afterPossessive(i) {
		if en := p.has(p.itemAt(i-2), kEntity); en != nil && en.typ == "State" {
			typ = "Government"
		}
	}
	return end, typ
}

// liberationWords before "Army" make the name an armed group's, not a state's army.
var liberationWords = map[string]bool{"liberation": true, "revolutionary": true, "resistance": true,
	"salvation": true, "insurgent": true}

// afterPossessive reports whether token i follows "'s".
func (p *pass) afterPossessive(i int32) bool {
	if i == 0 {
		return false
	}
	w := p.text[p.toks[i-1].bs:p.toks[i-1].be]
	return w == "'s" || w == "’s"
}

// function reports whether token i is a determiner, preposition or stop word ("The").
func (p *pass) function(i int32) bool {
	it := p.itemAt(i)
	return it != nil && it.e == i+1 && (p.has(it, kDet) != nil || p.has(it, kStop) != nil || p.has(it, kPrep) != nil)
}

// introducedName matches an unknown name of two to four capitalised words that the
// article shows to be a person's: its last word stands alone elsewhere in the text
// ("Adama Barrow … Barrow"), or it is listed with a person ("Nikos Kotzias and Nikola
// Dimitrov"). Names after a locative preposition, and names with a word of a place or a
// body in them, are left alone.
func (p *pass) introducedName(i int32) (int32, bool) {
	n := int32(len(p.toks))
	if p.an.dict.plurals[p.folded(i)] {
		return 0, false // "Canadians Michael Kovrig": the name starts after the people
	}
	if i > 0 && p.toks[i-1].is(fCap) && p.toks[i-1].is(fWord) && !p.an.dict.plurals[p.folded(i-1)] {
		return 0, false
	}
	if i > 0 && p.wordIs(i-1, kPrep) && !notPlacePreps[foldString(p.text[p.toks[i-1].bs:p.toks[i-1].be])] {
		return 0, false
	}
	k, count := p.nameRun(i, false)
	if count < 2 || count > 4 || k < n && p.toks[k].is(fCap) && p.toks[k].is(fWord) {
		return 0, false
	}
	for j := i; j < k; j++ {
		w := foldString(p.text[p.toks[j].bs:p.toks[j].be])
		if notPerson[w] || placeNouns[w] || bodyHeads[w] != "" {
			return 0, false
		}
	}
	if !p.standsAlone(i, k) && !p.listedWithPerson(k) {
		return 0, false
	}
	p.addSurnames(i, k)
	return k, true
}

// standsAlone reports whether the last word of the name over [s, e), or its first (a
// family name written first: Kim Jong Un … Kim), occurs elsewhere in the text as a
// capitalised word by itself, not next to another capitalised word.
func (p *pass) standsAlone(s, e int32) bool {
	return p.aloneElsewhere(s, e, e-1) || p.aloneElsewhere(s, e, s)
}

// aloneElsewhere reports whether the word at token w of the name over [s, e) occurs
// outside it as a capitalised word by itself.
func (p *pass) aloneElsewhere(s, e, w int32) bool {
	t := &p.toks[w]
	word := p.text[t.bs:t.be]
	if p.itemAt(w) != nil || notPerson[foldString(word)] {
		return false
	}
	if p.alone == nil {
		p.indexAlone()
	}
	for _, j := range p.alone[word] {
		if j < s || j >= e {
			return true
		}
	}
	return false
}

// indexAlone indexes the capitalised words that stand by themselves (no capitalised word
// right before them, other than a sentence's first, and none right after) by their text,
// once per text, so that a name's check does not scan the text again.
func (p *pass) indexAlone() {
	p.alone = map[string][]int32{}
	n := int32(len(p.toks))
	for j := int32(0); j < n; j++ {
		t := &p.toks[j]
		if !t.is(fCap) || !t.is(fWord) {
			continue
		}
		if j > 0 && p.toks[j-1].is(fCap) && p.toks[j-1].is(fWord) && !p.sentStartAt(j-1) {
			continue
		}
		if j+1 < n && p.toks[j+1].is(fCap) && p.toks[j+1].is(fWord) {
			continue
		}
		w := p.text[t.bs:t.be]
		p.alone[w] = append(p.alone[w], j)
	}
}

// listedWithPerson reports whether "and" at token k is followed by a person: a titled name
// or a person the dictionaries know.
func (p *pass) listedWithPerson(k int32) bool {
	if k+1 >= int32(len(p.toks)) || p.toks[k].word != p.an.wAnd {
		return false
	}
	if _, _, ok := p.person(k + 1); ok {
		return true
	}
	en := p.has(p.itemAt(k+1), kEntity)
	return en != nil && en.typ == "Person"
}

// knownAs matches a name right after "known as" or "also known as" that follows a person
// ("President Mohamed Abdullahi Mohamed, known as Farmaajo"): another name of that person,
// tied to the mention before.
func (p *pass) knownAs(i int32) (int32, bool) {
	if i < 3 || len(p.ms) == 0 || !p.toks[i].is(fCap) || p.toks[i].is(fUpper) && p.toks[i].re-p.toks[i].rs > 1 {
		return 0, false
	}
	if foldString(p.text[p.toks[i-2].bs:p.toks[i-2].be]) != "known" || p.toks[i-1].word != p.an.wAs {
		return 0, false
	}
	prev := p.ms[len(p.ms)-1]
	if prev.typ != "Person" || i-prev.e > 4 {
		return 0, false
	}
	k, count := p.nameRun(i, false)
	if count == 0 || count > 3 {
		return 0, false
	}
	p.nameClusters = append(p.nameClusters, []int32{prev.s, i})
	return k, true
}

// selfNamed matches the name after "calls itself" (calling, called, styles itself) when
// an actor other than a person comes just before: the name the actor goes by, of its type
// and tied to it ("The junta, which calls itself the National Council for Peace and
// Order"). It returns where the name ends and its type.
func (p *pass) selfNamed(i int32) (int32, string, bool) {
	j := i - 1
	if j >= 0 && p.toks[j].word == p.an.wThe {
		j--
	}
	if j < 1 || len(p.ms) == 0 || !p.toks[i].is(fCap) || !p.isWord(j, "itself") {
		return 0, "", false
	}
	switch foldString(p.text[p.toks[j-1].bs:p.toks[j-1].be]) {
	case "calls", "calling", "called", "styles", "styling":
	default:
		return 0, "", false
	}
	prev := p.ms[len(p.ms)-1]
	if !actorTypes[prev.typ] || prev.typ == "Person" || j-1-prev.e > 3 {
		return 0, "", false
	}
	last := int32(-1)
	for k := i; k < int32(len(p.toks)) && k < i+10; k++ {
		t := &p.toks[k]
		if !t.is(fWord) || k > i && t.is(fNewline) {
			break
		}
		if t.is(fCap) {
			last = k
		} else if !nameConnectors[foldString(p.text[t.bs:t.be])] {
			break
		}
	}
	p.nameClusters = append(p.nameClusters, []int32{prev.s, i})
	return last + 1, prev.typ, true
}

// namedOpposition matches the name after "the opposition" ("the opposition People's
// Democratic Reform Committee"): capitalised words, possessives and connectors, up to the
// last capitalised word. It returns the name's span.
func (p *pass) namedOpposition(it *item) (int32, int32, bool) {
	h := p.has(it, kHead)
	if h == nil || h.typ != "Opposition" || it.e-it.s != 1 {
		return 0, 0, false
	}
	n := int32(len(p.toks))
	s := it.e
	if s >= n || !p.toks[s].is(fCap) || !p.toks[s].is(fWord) || p.toks[s].is(fNewline) {
		return 0, 0, false
	}
	end := int32(-1)
	for k := s; k < n && k < s+8; k++ {
		t := &p.toks[k]
		w := p.text[t.bs:t.be]
		switch {
		case t.is(fCap) && t.is(fWord):
			end = k + 1
			continue
		case w == "'s" || w == "’s" || nameConnectors[foldString(w)] || t.is(fHyphen):
			continue
		}
		break
	}
	if end < 0 {
		return 0, 0, false
	}
	return s, end, true
}

// placePrefixes open the names of places: Lake Prespa, Mount Sinjar.
var placePrefixes = map[string]bool{"lake": true, "mount": true, "cape": true, "gulf": true}

// prefixedPlace matches "Lake X", "Mount X": a place prefix and one to three capitalised
// words.
func (p *pass) prefixedPlace(i int32) (int32, bool) {
	t := &p.toks[i]
	if !t.is(fCap) || !placePrefixes[foldString(p.text[t.bs:t.be])] || i+1 >= int32(len(p.toks)) {
		return 0, false
	}
	k, count := p.nameRun(i+1, false)
	if count == 0 || count > 3 {
		return 0, false
	}
	return k, true
}

// withPlaceNoun extends a place to a place noun after it: "the Batken region", "the
// Rutshuru Valley".
func (p *pass) withPlaceNoun(e int32) int32 {
	if e < int32(len(p.toks)) && p.toks[e].is(fWord) && !p.toks[e].is(fNewline) && !p.isActor(p.itemAt(e)) {
		w := foldString(p.text[p.toks[e].bs:p.toks[e].be])
		if placeNouns[w] || siteNouns[w] {
			return e + 1
		}
		// "Ain al-Asad air base": a site noun of two words.
		if e+1 < int32(len(p.toks)) && p.toks[e+1].is(fWord) && siteNouns[w+" "+foldString(p.text[p.toks[e+1].bs:p.toks[e+1].be])] {
			return e + 2
		}
	}
	return e
}

// siteNouns after a place's name are part of the place's mention: "Boryspil airport",
// "Ain al-Asad air base".
var siteNouns = map[string]bool{"airport": true, "base": true, "airbase": true, "air base": true,
	"naval base": true, "military base": true, "army base": true}

// particleTail extends a known person's name that a particle and more capitalised words
// follow ("Emir Tamim bin Hamad Al Thani" when the dictionary knows Tamim): it returns
// where the whole name ends.
func (p *pass) particleTail(e int32) int32 {
	n := int32(len(p.toks))
	if e+1 >= n || p.has(p.itemAt(e), kParticle) == nil || !p.toks[e+1].is(fCap) {
		return e
	}
	k, count := p.nameRun(e+1, false)
	if count == 0 || count > 4 {
		return e
	}
	return k
}

// possessed reports whether token i follows an actor's possessive ("Russia's").
func (p *pass) possessed(i int32) bool {
	if i < 2 {
		return false
	}
	if w := p.text[p.toks[i-1].bs:p.toks[i-1].be]; w != "'s" && w != "’s" {
		return false
	}
	prev := p.itemAt(p.itemStartBefore(i - 1))
	return prev != nil && prev.e == i-1 && (p.isActor(prev) || p.has(prev, kCapital) != nil)
}

// forceHeads are the group nouns that name a state's forces or its government after "the"
// alone.
var forceHeads = map[string]bool{"army": true, "military": true, "navy": true, "air force": true,
	"government": true, "authorities": true, "regime": true, "police": true}

// definiteForce reports whether the group noun at i is "the army", "the military" (or
// navy, air force; the government, the authorities, the regime) as the subject of a verb:
// "the army had retaken", "the government said". It is not one before a noun ("the army
// base", "the government's decision").
func (p *pass) definiteForce(i int32, it *item, h *entry) bool {
	if h.typ != "ArmedForce" && h.typ != "Government" && h.typ != "ArmedGroup" || it.e >= int32(len(p.toks)) {
		return false
	}
	head := foldString(p.text[p.toks[i].bs:p.toks[p.itemAt(i).e-1].be])
	if bareHeads[head] && p.bareForce(i, it) {
		return true
	}
	if i == 0 || p.toks[i-1].word != p.an.wThe {
		return false
	}
	if !forceHeads[head] && !groupHeads[head] {
		return false
	}
	if _, ok := p.antecedent(h.typ, i); ok && groupHeads[head] {
		return false // tied to the group named before instead
	}
	next := &p.toks[it.e]
	if !next.is(fWord) {
		return true // "the army." "the army,"
	}
	w := foldString(p.text[next.bs:next.be])
	// "accused the rebels of attacking": an armed group before "of" too
	return subjectVerbs[w] || groupHeads[head] && w == "of"
}

// bareHeads name a force without "the" or a nationality before them: "Police arrested",
// "was detained by police".
var bareHeads = map[string]bool{"police": true}

// bareForce reports whether the group noun at i, with no determiner, starts a sentence or
// follows "by" (a passive's agent) and is followed by a verb of subjectVerbs or ends its
// phrase: "Police arrested him", "he was detained by police in Dakar".
func (p *pass) bareForce(i int32, it *item) bool {
	by := i > 0 && p.isWord(i-1, "by")
	if i > 0 && p.toks[i-1].is(fWord) && !by && !p.sentStartAt(i) {
		return false
	}
	next := &p.toks[it.e]
	if !next.is(fWord) {
		return true
	}
	w := foldString(p.text[next.bs:next.be])
	return subjectVerbs[w] || by && wordsAfterNoun[w]
}

// groupHeads are the armed groups' nouns that "the" makes a mention of their own when no
// group of the type was named shortly before ("accused the rebels of attacking").
var groupHeads = map[string]bool{"rebels": true, "militants": true}

// subjectVerbs follow a group noun that is a subject: "the army said", "the military had".
var subjectVerbs = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`said says has had have was were is are would will could
		did does denied announced seized took took launched retook retaken withdrew deployed
		arrested detained killed fired opened shelled attacked struck claimed accused warned
		declared imposed ordered moved entered captured stormed`) {
		subjectVerbs[w] = true
	}
}

// forcesType types a name ending in Forces or Force over tokens [s, e]: a state's forces
// when a word of it says so (the Israel Defense Forces, the Indian Air Force), an armed
// group otherwise (the Syrian Democratic Forces).
func (p *pass) forcesType(s, e int32) string {
	for k := s; k < e; k++ {
		switch foldString(p.text[p.toks[k].bs:p.toks[k].be]) {
		case "defense", "defence", "armed", "security", "national", "air", "naval", "border", "police":
			return "ArmedForce"
		}
	}
	return "ArmedGroup"
}

// councilType types a name ending in Council, Committee or Command over tokens [s, e]: a
// government when a word of it names a state's rule or security (the Transitional Military
// Council, the National Security Committee), an organisation otherwise.
func (p *pass) councilType(s, e int32) string {
	for k := s; k < e; k++ {
		switch foldString(p.text[p.toks[k].bs:p.toks[k].be]) {
		case "military", "transitional", "sovereign", "presidential", "revolutionary", "ruling",
			"security", "defence", "defense", "state", "supreme":
			return "Government"
		}
	}
	return "Organisation"
}

// formerPerson matches "former" or "late" before a titled name: "former Kenyan President
// Uhuru Kenyatta" is one mention, the word included.
func (p *pass) formerPerson(i int32) (int32, bool) {
	t := &p.toks[i]
	if t.is(fCap) || i+1 >= int32(len(p.toks)) {
		return 0, false
	}
	if w := foldString(p.text[t.bs:t.be]); w != "former" && w != "late" {
		return 0, false
	}
	name, e, ok := p.person(i + 1)
	if !ok || name == i+1 && p.has(p.itemAt(i+1), kTitle) == nil {
		return 0, false // a bare name after "former" has no title to qualify
	}
	return e, true
}

package annotate

// Whether a state or a capital names a place (a Location) or stands for its government (a
// State), from the words around it.

// directionWords qualify a place: "in southern Rwanda", "into north-eastern Syria".
var directionWords = map[string]bool{"north": true, "south": true, "east": true, "west": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true}

// placePreps put a place after them when a direction word comes between.
var placePreps = map[string]bool{"in": true, "into": true, "across": true, "inside": true,
	"throughout": true, "from": true, "to": true, "of": true}

// crossingVerbs take a place as their object: "troops entered Gambia", "left Seoul".
var crossingVerbs = map[string]bool{"enter": true, "enters": true, "entered": true, "entering": true,
	"leave": true, "left": true, "reach": true, "reached": true,
	"reaches": true, "reaching": true, "cross": true, "crossed": true, "crossing": true,
	"flee": true, "fled": true, "fleeing": true}

// movingWords before "to" or "from", a few words back in the clause, make the state after it
// a destination or an origin: "withdrew its diplomats from India", "the first trip by a
// leader to Japan", "deployed police officers to Haiti".
var movingWords = map[string]bool{"withdrew": true, "withdrawn": true, "withdraw": true,
	"withdrawing": true, "pulled": true, "crossed": true, "fled": true, "flew": true,
	"travelled": true, "traveled": true, "returned": true, "deported": true, "extradited": true,
	"deployed": true, "deployment": true, "trip": true, "journey": true, "flight": true,
	"moved": true, "evacuated": true, "smuggled": true, "arrived": true, "came": true}

// movingWindow is how many tokens before "to" or "from" movingWords are looked for.
const movingWindow = 7

// folded returns the folded word of token i.
func (p *pass) folded(i int32) string {
	t := &p.toks[i]
	return foldString(p.text[t.bs:t.be])
}

// placeByContext reports whether the state or capital starting at token s is a place by
// the words before it: a preposition before a direction word ("in southern Rwanda"), a verb
// of crossing ("entered Gambia"), "to" or "from" after a verb or noun of moving, or a list
// after a place ("in Kyiv and Moscow", "in Kigali instead of Burundi").
func (p *pass) placeByContext(s int32) bool {
	if s == 0 || !p.toks[s-1].is(fWord) {
		return false
	}
	j := s - 1
	for j > 0 && p.toks[j].is(fWord) && directionWords[p.folded(j)] {
		j--
	}
	w := p.folded(j)
	switch {
	case j < s-1:
		return placePreps[w]
	case crossingVerbs[w]:
		return !p.toks[j].is(fCap)
	case w == "on":
		return j > 0 && p.toks[j-1].is(fWord) && (p.isWord(j-1, "march") || p.isWord(j-1, "marched"))
	case w == "to" || w == "from":
		return p.movingBefore(j)
	}
	return p.afterPlace(s)
}

// movingBefore reports whether a word of movingWords comes a few tokens before token k,
// with no punctuation between.
func (p *pass) movingBefore(k int32) bool {
	for j := k - 1; j >= 0 && j >= k-movingWindow; j-- {
		if !p.toks[j].is(fWord) {
			return false
		}
		if movingWords[p.folded(j)] {
			return true
		}
	}
	return false
}

// afterPlace reports whether the token s follows "and", "or" or "instead of" right after a
// place mention.
func (p *pass) afterPlace(s int32) bool {
	j := s - 1
	switch {
	case p.isWord(j, "and") || p.isWord(j, "or"):
	case j > 1 && p.isWord(j, "of") && p.isWord(j-1, "instead"):
		j--
	default:
		return false
	}
	if len(p.ms) == 0 {
		return false
	}
	last := p.ms[len(p.ms)-1]
	return last.e == j && last.typ == "Location"
}

// officialWords before "in" and a capital make the capital its state's government:
// "officials in Kigali said", "diplomats in Lima and Quito".
var officialWords = map[string]bool{"officials": true, "diplomats": true, "authorities": true,
	"sources": true, "leaders": true, "ministers": true}

// officialsIn reports whether the capital at token s follows officialWords and "in", or
// "and" or "or" right after such a capital.
func (p *pass) officialsIn(s int32) bool {
	if s >= 2 && p.isWord(s-1, "in") && p.toks[s-2].is(fWord) && officialWords[p.folded(s-2)] {
		return true
	}
	if s < 2 || !(p.isWord(s-1, "and") || p.isWord(s-1, "or")) || len(p.ms) == 0 {
		return false
	}
	last := p.ms[len(p.ms)-1]
	return last.e == s-1 && last.typ == "State" && p.officialsIn(last.s)
}

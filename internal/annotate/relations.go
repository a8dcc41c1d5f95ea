package annotate

import "slices"

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
	mi, vi := 0, 0
	for _, s := range sents {
		for mi < len(p.ms) && p.ms[mi].s < s.s {
			mi++
		}
		m0 := mi
		for mi < len(p.ms) && p.ms[mi].s < s.e {
			mi++
		}
		ms := p.ms[m0:mi]
		for vi < len(verbs) && verbs[vi].s < s.s {
			vi++
		}
		v0 := vi
		for vi < len(verbs) && verbs[vi].s < s.e {
			vi++
		}
		vs := verbs[v0:vi]
		prevStart, prevEnd := s.s, s.s
		for k := range vs {
			v := &vs[k]
			next := s.e
			if k+1 < len(vs) {
				next = vs[k+1].s
			}
			cueFrom, cueVerbEnd := prevStart, prevEnd
			prevStart, prevEnd = v.s, v.e
			e := &p.d.entries[v.ents[0]]
			if e.rel == "" {
				continue
			}
			sch := schema[e.rel]
			var g1, g2 []int
			for _, side := range e.arg1 {
				if g1 = p.find(ms, m0, v, side, sch[0], s, next); len(g1) > 0 {
					break
				}
			}
			if len(g1) == 0 {
				continue
			}
			pairs := false
			for _, side := range e.arg2 {
				if side == 'G' {
					if len(g1) > 1 {
						pairs = true
						break
					}
					continue
				}
				if g2 = p.find(ms, m0, v, side, sch[1], s, next); len(g2) > 0 {
					break
				}
			}
			attrs := p.cues(cueFrom, cueVerbEnd, v, e)
			emit := func(a, b int) {
				if a == b || !sch[0][p.ms[a].typ] || !sch[1][p.ms[b].typ] {
					return
				}
				key := [3]int{int(v.ents[0]), a, b}
				if seen[key] {
					return
				}
				seen[key] = true
				out = append(out, relation{typ: e.rel, a1: a, a2: b, attrs: attrs})
			}
			if pairs {
				for x := 0; x < len(g1); x++ {
					for y := x + 1; y < len(g1); y++ {
						emit(g1[x], g1[y])
					}
				}
				continue
			}
			for _, a := range g1 {
				for _, b := range g2 {
					emit(a, b)
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b relation) int { return int(p.ms[a.a1].s - p.ms[b.a1].s) })
	return out
}

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
			if v.s-m.e > left || p.barrier(m.e, v.s, ";:") {
				return nil
			}
			if !allowed[m.typ] {
				continue
			}
			g := []int{base + k}
			for j := k - 1; j >= 0 && allowed[ms[j].typ] && p.joined(ms[j], ms[j+1]); j-- {
				g = append(g, base+j)
			}
			return p.members(g)
		}
	case 'R':
		for k := range ms {
			m := ms[k]
			if m.s < v.e {
				continue
			}
			if m.s-v.e > right || m.s >= next || p.barrier(v.e, m.s, ",;:.(") {
				return nil
			}
			if !allowed[m.typ] {
				continue
			}
			g := []int{base + k}
			for j := k + 1; j < len(ms) && allowed[ms[j].typ] && p.joined(ms[j-1], ms[j]); j++ {
				g = append(g, base+j)
			}
			return p.members(g)
		}
	}
	return nil
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
		default:
			return false
		}
	}
	return sep
}

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
	for k := from; k < v.s; k++ {
		it := p.itemAt(k)
		c := p.has(it, kCue)
		if c == nil {
			continue
		}
		if c.typ == "Negation" && v.s-it.e > negScope || c.typ == "Proposed" && k < prevEnd {
			continue
		}
		addAttr(c.typ)
	}
	return attrs
}

package annotate

// item is a dictionary match over tokens [s, e) with the entries that matched there.
type item struct {
	s, e int32
	ents []int32
}

// match walks the trie once from every word token and keeps, separately for names and for
// verbs, the longest match that starts after the previous one ended (leftmost longest).
func (d *Dictionary) match(toks []token) (names, verbs []item) {
	nameEnd, verbEnd := int32(0), int32(0)
	var cand []int32
	names = make([]item, 0, len(toks)/4+8)
	verbs = make([]item, 0, len(toks)/16+8)
	// The entries of all items share one backing array.
	pool := make([]int32, 0, len(toks)/3+8)
	keep := func(verb bool) []int32 {
		start := len(pool)
		for _, ei := range cand {
			if (d.entries[ei].kind == kVerb) == verb {
				pool = append(pool, ei)
			}
		}
		return pool[start:len(pool):len(pool)]
	}
	for i := int32(0); i < int32(len(toks)); i++ {
		if toks[i].word < 0 {
			continue
		}
		node := int32(0)
		var bestName, bestVerb item
		for j := i; j < int32(len(toks)); j++ {
			t := &toks[j]
			if t.word < 0 || j > i && t.is(fPara) {
				break
			}
			child, ok := d.edges[uint64(node)<<32|uint64(uint32(t.word))]
			if !ok {
				break
			}
			node = child
			ends := d.nodes[node]
			if len(ends) == 0 {
				continue
			}
			cand = cand[:0]
			verb := false
			name := false
			for _, ei := range ends {
				e := &d.entries[ei]
				if !caseFits(e.caseReq, toks[i:j+1]) {
					continue
				}
				cand = append(cand, ei)
				if e.kind == kVerb {
					verb = true
				} else {
					name = true
				}
			}
			if name && i >= nameEnd {
				bestName = item{s: i, e: j + 1, ents: keep(false)}
			}
			if verb && i >= verbEnd {
				bestVerb = item{s: i, e: j + 1, ents: keep(true)}
			}
		}
		if bestName.e > 0 {
			names = append(names, bestName)
			nameEnd = bestName.e
		}
		if bestVerb.e > 0 {
			verbs = append(verbs, bestVerb)
			verbEnd = bestVerb.e
		}
	}
	return names, verbs
}

// caseFits checks the tokens against the case each dictionary token requires: an acronym
// (IS, US) only matches capitals, a capitalised name only a capitalised word.
func caseFits(req []uint8, toks []token) bool {
	for k, r := range req {
		if k >= len(toks) {
			return false
		}
		switch r {
		case caseCap:
			if !toks[k].is(fCap) {
				return false
			}
		case caseUpper:
			if !toks[k].is(fUpper) {
				return false
			}
		}
	}
	return true
}

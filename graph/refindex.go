package graph

import "hash/maphash"

// nameIndex finds, among names added so far, one that a given short name refers to (its
// final words, or its first word in use) in time proportional to the length of the names,
// not their number: an article with hundreds of thousands of mentions resolves in linear
// time.
//
// Every proper suffix of a name (its last word, last two words, …) is filed under a hash
// that is built from the end in one pass over the name; a look-up hashes the short name
// the same way. A hash can collide, so every hit is checked, and a failed check falls
// back to the full scan, which keeps the answer exact.
type nameIndex struct {
	seed   maphash.Seed
	names  []string       // normalised names by position ("": none there)
	at     map[uint64]int // suffix hash → the preferred position filed under it
	first  map[string]int // first word in use (firstWordInUse) → the preferred position
	latest bool           // prefer the greatest position (else the smallest)
}

// newNameIndex returns an index that prefers, among names a short name refers to, the one
// at the greatest position (latest) or at the smallest.
func newNameIndex(latest bool) *nameIndex {
	return &nameIndex{seed: maphash.MakeSeed(), at: map[uint64]int{}, first: map[string]int{}, latest: latest}
}

// wordHash mixes the hash of one word into the hash of the words after it.
func (x *nameIndex) wordHash(word string, rest uint64) uint64 {
	h := maphash.String(x.seed, word)
	return (rest ^ h) * 0x9e3779b97f4a7c15
}

// add files the name (as written) at position pos (positions need not be added in order).
func (x *nameIndex) add(pos int, name string) {
	norm := NormName(name)
	if w, ok := firstWordInUse(name, norm); ok {
		if old, ok := x.first[w]; !ok || (pos > old) == x.latest {
			x.first[w] = pos
		}
	}
	for len(x.names) <= pos {
		x.names = append(x.names, "")
	}
	x.names[pos] = norm
	var h uint64
	end := len(norm)
	for i := len(norm) - 1; i >= 0; i-- {
		if norm[i] != ' ' {
			continue
		}
		h = x.wordHash(norm[i+1:end], h)
		end = i
		if old, ok := x.at[h]; !ok || (pos > old) == x.latest {
			x.at[h] = pos
		}
	}
}

// find returns the position of the preferred name that the normalised short name s
// refers to, or -1.
func (x *nameIndex) find(s string) int {
	if s == "" {
		return -1
	}
	var h uint64
	end := len(s)
	for i := len(s) - 1; i >= -1; i-- {
		if i >= 0 && s[i] != ' ' {
			continue
		}
		h = x.wordHash(s[i+1:end], h)
		end = i
	}
	pos, ok := x.at[h]
	if first, fok := x.first[s]; fok && (!ok || (first > pos) == x.latest) {
		return first // a one-word name that is the first word in use of a fuller one
	}
	if !ok {
		return -1
	}
	if refersToNorm(s, x.names[pos]) {
		return pos
	}
	// A collision: look at every name, in order of preference.
	for i := range x.names {
		p := i
		if x.latest {
			p = len(x.names) - 1 - i
		}
		if x.names[p] != "" && refersToNorm(s, x.names[p]) {
			return p
		}
	}
	return -1
}

// acronymIndex files names under their initials (see acronymOf).
type acronymIndex map[string]int

// add files the normalised name norm at position pos, replacing any earlier position.
func (x acronymIndex) add(pos int, norm string) {
	if in := initials(norm); in != "" {
		x[in] = pos
	}
}

// find returns the position of the latest name whose initials short is, or -1.
func (x acronymIndex) find(short string) int {
	if !mayBeAcronym(short) {
		return -1
	}
	if pos, ok := x[NormName(short)]; ok {
		return pos
	}
	return -1
}

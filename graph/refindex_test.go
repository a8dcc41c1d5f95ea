package graph

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestNameIndexAgreesWithAScan compares the index with the plain scan it replaces, on
// names drawn from a few words so that many refer to many others.
func TestNameIndexAgreesWithAScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := []string{"al", "assad", "hafez", "bashar", "de", "mistura", "kerry", "john", "x"}
	name := func() string {
		ws := make([]string, 1+rng.IntN(4))
		for i := range ws {
			ws[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(ws, " ")
	}
	names := make([]string, 400)
	for i := range names {
		names[i] = name()
	}
	for _, latest := range []bool{true, false} {
		x := newNameIndex(latest)
		for i, n := range names {
			x.add(i, n)
		}
		for q := 0; q < 2000; q++ {
			s := name()
			want := -1
			for i := range names {
				p := i
				if latest {
					p = len(names) - 1 - i
				}
				if refersTo(s, names[p]) {
					want = p
					break
				}
			}
			if got := x.find(s); got != want {
				t.Fatalf("latest=%v: find(%q) = %d, want %d", latest, s, got, want)
			}
		}
	}
}

// TestNameIndexSurvivesCollisions makes every hash collide: the answers must stay exact.
func TestNameIndexSurvivesCollisions(t *testing.T) {
	x := newNameIndex(true)
	x.add(0, "hafez al assad")
	x.add(1, "bashar al assad")
	x.at = map[uint64]int{}
	// File "john kerry"'s suffix under the hash of "assad" to simulate a collision.
	x.add(2, "john kerry")
	h := x.wordHash("assad", 0)
	x.at[h] = 2
	if got := x.find("assad"); got != 1 {
		t.Errorf("find(assad) after a collision = %d, want 1", got)
	}
	if got := x.find("kerry"); got != 2 {
		t.Errorf("find(kerry) = %d, want 2", got)
	}
}

func TestAcronymIndex(t *testing.T) {
	x := acronymIndex{}
	for i, n := range []string{"International Syria Support Group", "the High Negotiations Committee", "Islamic State", "Iran Support Society Group"} {
		x.add(i, NormName(n))
	}
	for short, want := range map[string]int{"ISSG": 3, "HNC": 1, "IS": 2, "Issg": -1, "UN": -1, "I": -1} {
		if got := x.find(short); got != want {
			t.Errorf("find(%q) = %d, want %d", short, got, want)
		}
	}
}

// TestNearestDateAgreesWithAScan compares dateContext.nearest with the scan it replaces.
func TestNearestDateAgreesWithAScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 200; trial++ {
		dc := &dateContext{dated: map[int]*sentenceDates{}}
		var all []datedMention
		pos := 0
		for i := 0; i < 1+rng.IntN(12); i++ {
			pos += rng.IntN(6)
			d := datedMention{sentence: 0, start: pos, end: pos + 1 + rng.IntN(8), iso: string(rune('a' + i))}
			all = append(all, d)
			if dc.dated[0] == nil {
				dc.dated[0] = &sentenceDates{}
			}
			dc.dated[0].add(d)
		}
		for q := 0; q < 50; q++ {
			start := rng.IntN(pos + 10)
			end := start + 1 + rng.IntN(6)
			want, bestDist := "", -1
			for _, d := range all {
				dist := 0
				switch {
				case d.end <= start:
					dist = start - d.end
				case d.start >= end:
					dist = d.start - end
				}
				if bestDist < 0 || dist < bestDist {
					want, bestDist = d.iso, dist
				}
			}
			if got := dc.nearest(0, start, end); got != want {
				t.Fatalf("nearest(%d, %d) among %v = %q, want %q", start, end, all, got, want)
			}
		}
	}
}

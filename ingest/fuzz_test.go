package ingest_test

import (
	"testing"
	"unicode/utf8"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/internal/ingesttest"
)

// Fuzz target of the sentence splitter (each reader has its own in its package). Run one at a time, for example:
//
//	go test ./ingest -run '^$' -fuzz '^FuzzSentences$' -fuzztime 60s -parallel 1
//
// Each is seeded with the real files in ../shared/data/brat-public (when present) and the
// project's own test inputs.

func FuzzSentences(f *testing.F) {
	for _, p := range ingesttest.PublicPairs(f) {
		f.Add(p[0])
	}
	f.Add("Mr. Kerry met Mr. Lavrov. “We agreed,” he said! Did they? Yes.\n\nU.S. officials said so.")
	f.Fuzz(func(t *testing.T, text string) {
		sents := ingest.Sentences(text)
		n := utf8.RuneCountInString(text)
		prev := 0
		for i, s := range sents {
			if s.Start < prev || s.End <= s.Start || s.End > n {
				t.Fatalf("sentence %d = %v after %d in %d characters", i, s, prev, n)
			}
			if got := ingest.SentenceAt(sents, s.Start); got != i {
				t.Fatalf("SentenceAt(%d) = %d, want %d", s.Start, got, i)
			}
			prev = s.End
		}
	})
}

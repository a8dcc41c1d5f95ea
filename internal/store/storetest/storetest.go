// Package storetest is the contract every store of the graph passes: writing the same
// articles twice changes nothing, retracting an article removes exactly what only it
// supported, a changed article replaces its old facts, and concurrent writers of
// overlapping article sets end with the graph of one clean load. A store's own tests run
// it against the real database (see internal/neo4jstore's tests).
//
// The articles are made here, as graphs (Articles), so the contract does not depend on a
// reader or on the resolver: shared actors under several names, conflicting properties
// and QIDs (where the article with the smallest id must win), events, HOLDS_ROLE edges
// with titles, statuses, dated and undated evidence.
package storetest

import (
	"context"
	"fmt"
	"maps"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"golang.org/x/sync/errgroup"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/store"
)

// Store is what the contract asks of a store.
type Store interface {
	// WriteArticles writes a batch of articles as one unit; articles with the ids of stored
	// ones replace them.
	WriteArticles(ctx context.Context, parts []*graph.ArticleGraph) (store.Counters, error)
	// Retract removes articles and what only they supported; it returns how many of them
	// were stored.
	Retract(ctx context.Context, ids []string) (store.Counters, int, error)
	// GraphDump returns the stored graph as sorted canonical lines: two stores hold the
	// same graph when their dumps are equal.
	GraphDump(ctx context.Context) ([]string, error)
	// Clear empties the store.
	Clear(ctx context.Context) error
}

// Suite is the contract for one store.
type Suite struct {
	// Open returns the store, empty, for the test t.
	Open func(t *testing.T) Store
	// Check, when set, checks what the store holds after every step beyond its dump
	// (e.g. that stored aggregates agree with what they aggregate).
	Check func(t *testing.T, s Store)
}

// Run runs every case of the contract, each on a store of its own.
func (s Suite) Run(t *testing.T) {
	t.Run("Idempotence", s.idempotence)
	t.Run("Retraction", s.retraction)
	t.Run("Corrections", s.corrections)
	t.Run("OrderIndependence", s.orderIndependence)
	t.Run("Concurrency", s.concurrency)
}

// idempotence: the same articles written again, in one batch or alone, leave the graph
// as it was.
func (s Suite) idempotence(t *testing.T) {
	st := s.Open(t)
	arts := Articles(12, 1)
	s.write(t, st, arts)
	want := s.dump(t, st)
	if len(want) == 0 {
		t.Fatal("the store holds nothing after a write")
	}
	s.write(t, st, arts)
	s.same(t, st, want, "the same articles written twice")
	s.write(t, st, arts[3:4])
	s.write(t, st, arts[7:9])
	s.same(t, st, want, "some articles written a third time")
}

// retraction: retracting articles leaves what a clean load of the others gives; a missing
// id is not counted; retracting everything leaves nothing.
func (s Suite) retraction(t *testing.T) {
	st := s.Open(t)
	ctx := context.Background()
	arts := Articles(12, 2)
	gone := map[string]bool{arts[0].Article.ID: true, arts[5].Article.ID: true, arts[6].Article.ID: true}
	var rest []*graph.ArticleGraph
	for _, a := range arts {
		if !gone[a.Article.ID] {
			rest = append(rest, a)
		}
	}
	s.write(t, st, rest)
	want := s.dump(t, st)
	s.clear(t, st)

	s.write(t, st, arts)
	c, found, err := st.Retract(ctx, append(slices.Sorted(maps.Keys(gone)), "no-such-article"))
	if err != nil {
		t.Fatalf("retract: %v", err)
	}
	if found != len(gone) || c.NodesDeleted == 0 || c.RelationshipsDeleted == 0 {
		t.Errorf("retract of %d stored articles and a missing one: found %d, %+v", len(gone), found, c)
	}
	s.same(t, st, want, "retracted articles")

	ids := make([]string, len(rest))
	for i, a := range rest {
		ids[i] = a.Article.ID
	}
	if _, found, err := st.Retract(ctx, ids); err != nil || found != len(ids) {
		t.Fatalf("retract the rest: found %d of %d, %v", found, len(ids), err)
	}
	s.same(t, st, nil, "every article retracted")
}

// corrections: a changed article (renamed entity, relation dropped, relation added,
// other properties) replaces its old version, alone or in a batch with unchanged ones.
func (s Suite) corrections(t *testing.T) {
	st := s.Open(t)
	arts := Articles(10, 3)
	fixed := slices.Clone(arts)
	for _, i := range []int{0, 4, 9} {
		fixed[i] = Corrected(arts[i])
	}
	s.write(t, st, fixed)
	want := s.dump(t, st)
	s.clear(t, st)

	s.write(t, st, arts)
	s.write(t, st, fixed[:1])
	s.write(t, st, fixed[2:])
	s.same(t, st, want, "corrected articles")
}

// orderIndependence: the same articles written in other orders and batch sizes, later
// ids first, give one graph.
func (s Suite) orderIndependence(t *testing.T) {
	st := s.Open(t)
	arts := Articles(16, 4)
	s.write(t, st, arts)
	want := s.dump(t, st)
	for _, batch := range []int{1, 3, 7} {
		s.clear(t, st)
		order := slices.Clone(arts)
		slices.Reverse(order)
		rand.New(rand.NewSource(int64(batch))).Shuffle(len(order)/2, func(i, j int) { order[i], order[j] = order[j], order[i] })
		for i := 0; i < len(order); i += batch {
			s.write(t, st, order[i:min(i+batch, len(order))])
		}
		s.same(t, st, want, fmt.Sprintf("reversed and shuffled, batches of %d", batch))
	}
}

// concurrency: writers of overlapping article sets at the same time give the graph of a
// clean load of their union.
func (s Suite) concurrency(t *testing.T) {
	st := s.Open(t)
	arts := Articles(24, 5)
	s.write(t, st, arts)
	want := s.dump(t, st)
	s.clear(t, st)

	sets := [][]*graph.ArticleGraph{arts[:10], arts[6:18], arts[14:], append(slices.Clone(arts[20:]), arts[:4]...)}
	var g errgroup.Group
	for i, set := range sets {
		g.Go(func() error {
			order := slices.Clone(set)
			rand.New(rand.NewSource(int64(i))).Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
			for k := 0; k < len(order); k += 3 {
				if _, err := st.WriteArticles(context.Background(), order[k:min(k+3, len(order))]); err != nil {
					return fmt.Errorf("writer %d: %w", i, err)
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	s.same(t, st, want, "four concurrent writers")
}

func (s Suite) write(t *testing.T, st Store, parts []*graph.ArticleGraph) {
	t.Helper()
	if _, err := st.WriteArticles(context.Background(), parts); err != nil {
		t.Fatalf("write %d articles: %v", len(parts), err)
	}
}

func (s Suite) clear(t *testing.T, st Store) {
	t.Helper()
	if err := st.Clear(context.Background()); err != nil {
		t.Fatalf("clear: %v", err)
	}
}

func (s Suite) dump(t *testing.T, st Store) []string {
	t.Helper()
	lines, err := st.GraphDump(context.Background())
	if err != nil {
		t.Fatalf("dump: %v", err)
	}
	if s.Check != nil {
		s.Check(t, st)
	}
	return lines
}

// same fails the test when the store's graph is not want, showing where they differ.
func (s Suite) same(t *testing.T, st Store, want []string, what string) {
	t.Helper()
	got := s.dump(t, st)
	if slices.Equal(got, want) {
		return
	}
	t.Errorf("%s: the store holds another graph than a clean load (%d lines, want %d):\n%s", what, len(got), len(want), Diff(want, got, 12))
}

// Diff lists up to max lines only in want (-) or only in got (+), both sorted.
func Diff(want, got []string, max int) string {
	var b strings.Builder
	n := 0
	i, j := 0, 0
	for (i < len(want) || j < len(got)) && n < max {
		switch {
		case j >= len(got) || i < len(want) && want[i] < got[j]:
			fmt.Fprintf(&b, "- %s\n", want[i])
			i++
			n++
		case i >= len(want) || got[j] < want[i]:
			fmt.Fprintf(&b, "+ %s\n", got[j])
			j++
			n++
		default:
			i++
			j++
		}
	}
	return b.String()
}

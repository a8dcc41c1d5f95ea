// Package load runs the ingest pipeline: read → validate → resolve and build → write.
//
// It streams: articles are read and built one at a time and written in batches, so memory
// holds one batch, not the corpus. An article is skipped when the store already holds the
// same fingerprint, replaced when it changed, and never half-written: a batch is one
// transaction, and when a batch fails each of its articles is retried alone so that one
// bad article does not cost the others.
package load

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/neo4jstore"
)

// Writer stores article graphs. *neo4jstore.Store is one.
type Writer interface {
	Fingerprints(ctx context.Context, ids []string) (map[string]string, error)
	WriteArticles(ctx context.Context, parts []*graph.ArticleGraph) (neo4jstore.Counters, error)
}

var _ Writer = (*neo4jstore.Store)(nil)

// DefaultBatchSize is how many articles a transaction writes unless told otherwise. On the
// 10,000-article benchmark corpus 500 loaded about 10% faster than 100 (fewer commits) with
// a peak of about 100 MB; 1000 was a few per cent faster again at about 160 MB.
const DefaultBatchSize = 500

// DefaultGrace is how long a batch being written when a run is interrupted may take to
// commit before it is rolled back: most batches finish within it, so that the summary
// counts them for certain.
const DefaultGrace = 600 * time.Millisecond

// Options tune a run.
type Options struct {
	BatchSize int // articles per transaction (default DefaultBatchSize)
	// Workers is the number of batches written at the same time (default 1). Writers that
	// share entities queue on them (the store locks entities in key order) and the
	// driver retries the rare deadlock, so any value is safe; more helps when articles
	// share few entities.
	Workers int
	Builder *graph.Builder
	// Read reads and validates one source (default ingest.ReadValid).
	Read ReadFunc
	Log  *slog.Logger
	// Progress, when set, is called after each batch (never concurrently).
	Progress func(Progress)
	// Grace is how long a batch already sent may run on after ctx is cancelled before it
	// is abandoned (rolled back); default DefaultGrace, short enough that Ctrl-C stops a
	// run within 2 s.
	Grace time.Duration
	// Bulk lets a run into an empty database take the bulk path (see bulk) when the
	// writer has one and the run has at most BulkMax sources (default DefaultBulkMax).
	Bulk    bool
	BulkMax int
}

// DefaultBulkMax is the largest corpus the bulk path takes: it holds the corpus's merged
// graph in memory (441 MB peak at 10,000 generated articles), so larger first loads go
// the incremental way, whose memory is bounded by a batch.
const DefaultBulkMax = 20000

// Progress is the state of a run after a batch.
type Progress struct {
	Done, Total int // articles handled (written, skipped, invalid or failed) of all found
	Counters    neo4jstore.Counters
}

// Problem is an article that was not loaded, and why.
type Problem struct {
	Source string
	Err    error
}

// Summary says what a run did.
type Summary struct {
	Articles  int // articles found
	New       int
	Updated   int
	Unchanged int
	Invalid   []Problem // not loaded: bad input
	Failed    []Problem // not loaded: the database refused them
	Counters  neo4jstore.Counters
	Elapsed   time.Duration
}

// Rate returns the articles handled (written, skipped, invalid or failed) per second.
func (s Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	n := s.New + s.Updated + s.Unchanged + len(s.Invalid) + len(s.Failed)
	return float64(n) / s.Elapsed.Seconds()
}

// String is the one-line summary printed at the end of an ingest.
func (s Summary) String() string {
	return fmt.Sprintf("articles: %d new, %d updated, %d unchanged, %d invalid, %d failed; nodes +%d -%d, relationships +%d -%d; %s (%.1f articles/s)",
		s.New, s.Updated, s.Unchanged, len(s.Invalid), len(s.Failed),
		s.Counters.NodesCreated, s.Counters.NodesDeleted, s.Counters.RelationshipsCreated, s.Counters.RelationshipsDeleted,
		s.Elapsed.Round(time.Millisecond), s.Rate())
}

// Built is one article read, validated and resolved, or the reason it could not be.
type Built struct {
	Source string
	Graph  *graph.ArticleGraph
	Err    error
}

// ReadFunc reads and validates one source; it returns the article only when it is valid.
type ReadFunc func(ingest.Source) (*ingest.Article, error)

// Build reads, validates and resolves one source.
func Build(src ingest.Source, b *graph.Builder) Built { return BuildWith(src, b, nil, nil) }

// BuildWith reads one source with read (nil: ingest.ReadValid), claims its article id in
// ids (when not nil) so that two inputs cannot load under one id, and resolves it.
func BuildWith(src ingest.Source, b *graph.Builder, read ReadFunc, ids ingest.ArticleIDs) Built {
	return BuildContext(context.Background(), src, b, read, ids)
}

// BuildContext is BuildWith that gives up, with ctx's error, when ctx is cancelled.
func BuildContext(ctx context.Context, src ingest.Source, b *graph.Builder, read ReadFunc, ids ingest.ArticleIDs) Built {
	if err := ctx.Err(); err != nil {
		return Built{Source: src.Name(), Err: err}
	}
	a, out := readOne(src, read, ids)
	if out.Err != nil {
		return out
	}
	return resolveContext(ctx, a, out.Source, b)
}

// readOne reads and claims one source (see BuildWith).
func readOne(src ingest.Source, read ReadFunc, ids ingest.ArticleIDs) (*ingest.Article, Built) {
	out := Built{Source: src.Name()}
	if read == nil {
		read = ingest.ReadValid
	}
	a, err := read(src)
	if err != nil {
		out.Err = err
		return nil, out
	}
	if ids != nil {
		if pe := ids.Claim(a); pe != nil {
			out.Err = pe
			return nil, out
		}
	}
	return a, out
}

// resolveContext builds the graph of an article read from source, giving up when ctx is
// cancelled.
func resolveContext(ctx context.Context, a *ingest.Article, source string, b *graph.Builder) Built {
	out := Built{Source: source}
	ag, err := b.BuildContext(ctx, a)
	if err != nil {
		out.Err = err
		return out
	}
	out.Graph = ag
	return out
}

// Run loads the sources into w: it reads and builds them one by one, in order, and hands
// batches to opt.Workers writers. When ctx is cancelled (Ctrl-C) it stops reading, lets
// the batches being written finish (or roll back after opt.Grace), and returns the summary
// of what was written with ctx's error.
func Run(ctx context.Context, srcs []ingest.Source, w Writer, opt Options) (Summary, error) {
	start := time.Now()
	if opt.BatchSize <= 0 {
		opt.BatchSize = DefaultBatchSize
	}
	if opt.Workers <= 0 {
		opt.Workers = 1
	}
	if opt.Builder == nil {
		opt.Builder = graph.NewBuilder(nil)
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if bw, ok := w.(BulkWriter); ok {
		if opt.BulkMax <= 0 {
			opt.BulkMax = DefaultBulkMax
		}
		if opt.Bulk && len(srcs) <= opt.BulkMax {
			empty, err := bw.Empty(ctx)
			if err != nil {
				return Summary{Articles: len(srcs), Elapsed: time.Since(start)}, err
			}
			if empty {
				sum, err := bulk(ctx, start, srcs, bw, opt)
				if !errors.Is(err, neo4jstore.ErrBulkBusy) {
					return sum, err
				}
			}
		}
		// A bulk load of this database by another process must finish first: it writes
		// without reading what is stored.
		if err := bw.WaitForBulk(ctx, func() { opt.Log.Info("waiting for another ingest's bulk load of this database to finish") }); err != nil {
			return Summary{Articles: len(srcs), Elapsed: time.Since(start)}, err
		}
	}
	// Writes outlive a cancellation of ctx by up to opt.Grace, so that a batch in flight
	// commits whole or rolls back, never half-sent.
	writeCtx, cancelWrites := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWrites()
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-ctx.Done():
		case <-finished:
			return
		}
		if opt.Grace <= 0 {
			opt.Grace = DefaultGrace
		}
		select {
		case <-time.After(opt.Grace):
			cancelWrites()
		case <-finished:
		}
	}()
	// stop ends reading when a writer fails for good.
	stopCtx, stop := context.WithCancel(ctx)
	defer stop()

	var mu sync.Mutex // guards sum, done, firstErr
	sum := Summary{Articles: len(srcs)}
	done := 0
	var firstErr error
	report := func(local *Summary, n int, err error) {
		mu.Lock()
		defer mu.Unlock()
		sum.add(local)
		done += n
		if err != nil && firstErr == nil {
			firstErr = err
			stop()
		}
		if opt.Progress != nil {
			opt.Progress(Progress{Done: done, Total: len(srcs), Counters: sum.Counters})
		}
	}

	type job struct {
		graphs []*graph.ArticleGraph
		srcs   []string
		isNew  []bool
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	for i := 0; i < opt.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if stopCtx.Err() != nil {
					continue // interrupted or failed: drain without writing
				}
				var local Summary
				err := writeBatch(writeCtx, w, j.graphs, j.srcs, j.isNew, &local, opt.Log)
				report(&local, len(j.graphs), err)
			}
		}()
	}

	// Articles are read and fingerprinted a batch at a time; only those whose fingerprint
	// is not stored already are resolved and handed to a writer, so a re-ingest of an
	// unchanged folder reads its files and resolves nothing.
	type pending struct {
		a   *ingest.Article
		src string
		fp  string
	}
	ids := ingest.ArticleIDs{} // article id → where it was first read, to catch clashing ids
	var batch []pending
	send := func() {
		if len(batch) == 0 {
			return
		}
		keys := make([]string, len(batch))
		for i, p := range batch {
			keys[i] = p.a.ID
		}
		stored, err := w.Fingerprints(writeCtx, keys)
		if err != nil {
			report(&Summary{}, len(batch), err)
			batch = nil
			return
		}
		var j job
		var local Summary
		for _, p := range batch {
			fp, ok := stored[p.a.ID]
			if ok && fp == p.fp {
				local.Unchanged++
				continue
			}
			if stopCtx.Err() != nil {
				break // interrupted: this batch is not written
			}
			b := resolveContext(stopCtx, p.a, p.src, opt.Builder)
			if b.Err != nil && stopCtx.Err() != nil {
				break
			}
			if b.Err != nil {
				local.Invalid = append(local.Invalid, Problem{b.Source, b.Err})
				continue
			}
			j.graphs = append(j.graphs, b.Graph)
			j.srcs = append(j.srcs, b.Source)
			j.isNew = append(j.isNew, !ok)
		}
		report(&local, len(batch)-len(j.graphs), nil)
		batch = nil
		if len(j.graphs) == 0 || stopCtx.Err() != nil {
			return
		}
		select {
		case jobs <- j:
		case <-stopCtx.Done():
		}
	}
	for _, src := range srcs {
		if stopCtx.Err() != nil {
			break
		}
		a, b := readOne(src, opt.Read, ids)
		if b.Err != nil {
			report(&Summary{Invalid: []Problem{{b.Source, b.Err}}}, 1, nil)
			continue
		}
		batch = append(batch, pending{a, b.Source, opt.Builder.Fingerprint(a)})
		if len(batch) >= opt.BatchSize {
			send()
		}
	}
	if stopCtx.Err() == nil {
		send()
	}
	close(jobs)
	wg.Wait()
	sum.Elapsed = time.Since(start)
	if firstErr != nil {
		return sum, firstErr
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	return sum, nil
}

func (s *Summary) add(o *Summary) {
	s.New += o.New
	s.Updated += o.Updated
	s.Unchanged += o.Unchanged
	s.Invalid = append(s.Invalid, o.Invalid...)
	s.Failed = append(s.Failed, o.Failed...)
	s.Counters.Add(o.Counters)
}

// writeBatch writes a batch of new (isNew) and changed articles in one transaction, falling
// back to one transaction per article when the batch fails.
func writeBatch(ctx context.Context, w Writer, todo []*graph.ArticleGraph, todoSrc []string, isNew []bool, sum *Summary, log *slog.Logger) error {
	count := func(ok []bool) {
		for i, n := range isNew {
			if !ok[i] {
				continue
			}
			if n {
				sum.New++
			} else {
				sum.Updated++
			}
		}
	}
	c, err := w.WriteArticles(ctx, todo)
	if err == nil {
		sum.Counters.Add(c)
		all := make([]bool, len(todo))
		for i := range all {
			all[i] = true
		}
		count(all)
		log.Debug("batch written", "articles", len(todo), "nodes_created", c.NodesCreated, "relationships_created", c.RelationshipsCreated)
		return nil
	}
	if ctx.Err() != nil {
		// Interrupted: the transaction rolled back, unless its commit had already gone
		// through; the stored fingerprints tell which, so that the summary is exact.
		if committed(w, todo) {
			sum.Counters.Add(c)
			all := make([]bool, len(todo))
			for i := range all {
				all[i] = true
			}
			count(all)
			return nil
		}
		return err
	}
	if errors.Is(err, neo4jstore.ErrUnreachable) || errors.Is(err, neo4jstore.ErrAuth) {
		return err
	}
	log.Warn("batch failed; writing its articles one by one", "articles", len(todo), "err", err)
	ok := make([]bool, len(todo))
	for i, ag := range todo {
		c, err := w.WriteArticles(ctx, []*graph.ArticleGraph{ag})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			sum.Failed = append(sum.Failed, Problem{todoSrc[i], err})
			continue
		}
		ok[i] = true
		sum.Counters.Add(c)
	}
	count(ok)
	return nil
}

// committed reports whether the store holds every article of an interrupted batch with the
// fingerprint the batch gave it (a batch is one transaction: all or none). It asks on a
// context of its own, briefly.
func committed(w Writer, todo []*graph.ArticleGraph) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	ids := make([]string, len(todo))
	for i, ag := range todo {
		ids[i] = ag.Article.ID
	}
	stored, err := w.Fingerprints(ctx, ids)
	if err != nil {
		return false
	}
	for _, ag := range todo {
		if stored[ag.Article.ID] != ag.Article.Fingerprint {
			return false
		}
	}
	return true
}

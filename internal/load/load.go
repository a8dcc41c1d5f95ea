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

	"golang.org/x/sync/errgroup"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/store"
)

// Writer stores article graphs: it tells which articles it holds with which fingerprint,
// and writes a batch of articles as one transaction (all or none), replacing those with
// the ids of stored ones. The Neo4j store (internal/neo4jstore) is one.
type Writer interface {
	Fingerprints(ctx context.Context, ids []string) (map[string]string, error)
	WriteArticles(ctx context.Context, parts []*graph.ArticleGraph) (store.Counters, error)
}

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
	// Read reads and validates one source (default ingest.ReadValid). It must give the
	// article of the source's bytes (it may count, log or print warnings): a source whose
	// bytes a stored article was read from is not read again (see digest.go).
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

	digests *runDigests // of each source of the run, when the writer is a DigestStore
}

// DefaultBulkMax is the largest corpus the bulk path takes: it holds the corpus's merged
// graph in memory (441 MB peak at 10,000 generated articles), so larger first loads go
// the incremental way, whose memory is bounded by a batch.
const DefaultBulkMax = 20000

// Progress is the state of a run after a batch.
type Progress struct {
	Done, Total int // articles handled (written, skipped, invalid or failed) of all found
	Counters    store.Counters
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
	Counters  store.Counters
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
	opt = opt.withDefaults()
	ds, _ := w.(DigestStore)
	if ds != nil {
		opt.digests = &runDigests{of: sourceDigests(ctx, srcs, opt.Builder)}
		opt.Read = opt.dropWarned(srcs)
		opt.Log.Debug("hashed the sources", "sources", len(srcs), "elapsed", time.Since(start))
	}
	if bw, ok := w.(BulkWriter); ok {
		if sum, done, err := tryBulk(ctx, start, srcs, bw, opt); done {
			return sum, err
		}
	}
	// Writes outlive a cancellation of ctx by up to opt.Grace, so that a batch in flight
	// commits whole or rolls back, never half-sent.
	writeCtx, cancelWrites := graceContext(ctx, opt.Grace)
	defer cancelWrites()

	t := &tally{sum: Summary{Articles: len(srcs)}, total: len(srcs), progress: opt.Progress}
	skip, err := newSkipper(ctx, ds, opt.digests, opt.Log)
	if err != nil {
		t.sum.Elapsed = time.Since(start)
		return t.sum, err
	}
	// The group's context ends reading when ctx is cancelled or a writer fails for good.
	g, stopCtx := errgroup.WithContext(ctx)
	jobs := make(chan job)
	for range opt.Workers {
		g.Go(func() error { return writeJobs(stopCtx, writeCtx, w, jobs, t, opt.Log) })
	}
	g.Go(func() error {
		defer close(jobs)
		r := &reader{w: w, opt: opt, writeCtx: writeCtx, stopCtx: stopCtx, t: t, jobs: jobs, ids: ingest.ArticleIDs{}, skip: skip}
		return r.readAll(srcs)
	})
	err = g.Wait()
	t.sum.Elapsed = time.Since(start)
	if err == nil {
		err = ctx.Err()
	}
	return t.sum, err
}

// withDefaults fills in the options left zero.
func (opt Options) withDefaults() Options {
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
	if opt.Grace <= 0 {
		opt.Grace = DefaultGrace
	}
	if opt.BulkMax <= 0 {
		opt.BulkMax = DefaultBulkMax
	}
	return opt
}

// tryBulk takes the bulk path when opt allows it and the store is empty; done says
// whether it did (or failed on the way). Otherwise it waits for another process's bulk
// load of the store to finish: that load writes without reading what is stored.
func tryBulk(ctx context.Context, start time.Time, srcs []ingest.Source, bw BulkWriter, opt Options) (sum Summary, done bool, err error) {
	if opt.Bulk && len(srcs) <= opt.BulkMax {
		empty, err := bw.Empty(ctx)
		if err != nil {
			return Summary{Articles: len(srcs), Elapsed: time.Since(start)}, true, err
		}
		if empty {
			sum, err := bulk(ctx, start, srcs, bw, opt)
			if !errors.Is(err, store.ErrBulkBusy) {
				return sum, true, err
			}
		}
	}
	if err := bw.WaitForBulk(ctx, func() { opt.Log.Info("waiting for another ingest's bulk load of this database to finish") }); err != nil {
		return Summary{Articles: len(srcs), Elapsed: time.Since(start)}, true, err
	}
	return Summary{}, false, nil
}

// graceContext returns a context for writes that is cancelled grace after ctx is, or by
// the cancel function returned.
func graceContext(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	writeCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() {
		select {
		case <-time.After(grace):
			cancel()
		case <-writeCtx.Done():
		}
	})
	return writeCtx, func() {
		stop()
		cancel()
	}
}

// tally is a run's summary, added to by the reader and every writer.
type tally struct {
	mu       sync.Mutex
	sum      Summary
	done     int
	total    int
	progress func(Progress)
}

// add counts the articles of a batch (n of them handled) and reports progress.
func (t *tally) add(local *Summary, n int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sum.add(local)
	t.done += n
	if t.progress != nil {
		t.progress(Progress{Done: t.done, Total: t.total, Counters: t.sum.Counters})
	}
}

// job is a batch of built articles for a writer, new (isNew) or changed.
type job struct {
	graphs []*graph.ArticleGraph
	srcs   []string
	isNew  []bool
}

// writeJobs writes the batches of jobs until it is closed; once stopCtx is done it drains
// them without writing. A batch that fails for good ends it with the error.
func writeJobs(stopCtx, writeCtx context.Context, w Writer, jobs <-chan job, t *tally, log *slog.Logger) error {
	for j := range jobs {
		if stopCtx.Err() != nil {
			continue // interrupted or failed: drain without writing
		}
		var local Summary
		err := writeBatch(writeCtx, w, j.graphs, j.srcs, j.isNew, &local, log)
		t.add(&local, len(j.graphs))
		if err != nil {
			return err
		}
	}
	return nil
}

// pending is an article read and fingerprinted, not yet resolved, with the digest of its
// source ("" for none).
type pending struct {
	a      *ingest.Article
	src    string
	fp     string
	digest string
}

// reader reads the sources a batch at a time and hands writers the articles whose
// fingerprint the store does not hold already, resolved: a re-ingest of an unchanged
// folder reads its files and resolves nothing.
type reader struct {
	w                 Writer
	opt               Options
	writeCtx, stopCtx context.Context
	t                 *tally
	jobs              chan<- job
	ids               ingest.ArticleIDs // article id → where it was first read, to catch clashing ids
	batch             []pending
	skip              *skipper // nil: every source is read
	skipped           int      // sources skipped as unchanged, not yet counted
}

// readAll reads every source, sending a batch each opt.BatchSize articles, until the
// sources end or stopCtx does.
func (r *reader) readAll(srcs []ingest.Source) error {
	defer r.countSkipped()
	for i, src := range srcs {
		if r.stopCtx.Err() != nil {
			return nil
		}
		if r.skip.skip(i, src, r.ids) {
			if r.skipped++; r.skipped >= r.opt.BatchSize {
				r.countSkipped()
			}
			continue
		}
		a, b := readOne(src, r.opt.Read, nil)
		if b.Err == nil {
			if pe := r.skip.claim(a, r.ids, r.opt.Read); pe != nil {
				b.Err = pe
			}
		}
		if b.Err != nil {
			r.t.add(&Summary{Invalid: []Problem{{b.Source, b.Err}}}, 1)
			continue
		}
		r.batch = append(r.batch, pending{a, b.Source, r.opt.Builder.Fingerprint(a), r.opt.digest(i)})
		if len(r.batch) >= r.opt.BatchSize {
			if err := r.send(); err != nil {
				return err
			}
		}
	}
	if r.stopCtx.Err() != nil {
		return nil
	}
	return r.send()
}

// countSkipped counts the sources skipped since it last ran as unchanged.
func (r *reader) countSkipped() {
	if r.skipped > 0 {
		r.t.add(&Summary{Unchanged: r.skipped}, r.skipped)
		r.skipped = 0
	}
}

// send counts the batch's unchanged and invalid articles and hands the others to a writer.
func (r *reader) send() error {
	batch := r.batch
	r.batch = nil
	if len(batch) == 0 {
		return nil
	}
	keys := make([]string, len(batch))
	for i, p := range batch {
		keys[i] = p.a.ID
	}
	stored, err := r.w.Fingerprints(r.writeCtx, keys)
	if err != nil {
		r.t.add(&Summary{}, len(batch))
		return err
	}
	j, local, record := r.resolve(batch, stored)
	if err := r.recordDigests(record); err != nil {
		r.t.add(&Summary{}, len(batch))
		return err
	}
	r.t.add(&local, len(batch)-len(j.graphs))
	if len(j.graphs) == 0 || r.stopCtx.Err() != nil {
		return nil
	}
	select {
	case r.jobs <- j:
	case <-r.stopCtx.Done():
	}
	return nil
}

// resolve builds the articles of batch whose fingerprint differs from the stored one, on
// up to GOMAXPROCS goroutines, and counts the others, returning the source digests to
// record for those read although unchanged. When the run is interrupted the batch is not
// written.
func (r *reader) resolve(batch []pending, stored map[string]string) (job, Summary, []store.SourceDigest) {
	var j job
	var local Summary
	var record []store.SourceDigest
	var todo []int
	for i, p := range batch {
		fp, ok := stored[p.a.ID]
		if ok && fp == p.fp {
			local.Unchanged++
			if p.digest != "" {
				record = append(record, store.SourceDigest{ID: p.a.ID, Fingerprint: fp, Digest: p.digest})
			}
			continue
		}
		todo = append(todo, i)
	}
	built := resolveAll(r.stopCtx, batch, todo, r.opt.Builder)
	if r.stopCtx.Err() != nil {
		return job{}, local, nil // interrupted: this batch is not written
	}
	for k, i := range todo {
		b, p := built[k], batch[i]
		if b.Err != nil {
			local.Invalid = append(local.Invalid, Problem{b.Source, b.Err})
			continue
		}
		b.Graph.Article.SourceDigest = p.digest
		_, known := stored[p.a.ID]
		j.graphs = append(j.graphs, b.Graph)
		j.srcs = append(j.srcs, b.Source)
		j.isNew = append(j.isNew, !known)
	}
	return j, local, record
}

// resolveAll builds the articles batch[i] for i in todo, on up to GOMAXPROCS goroutines:
// a Builder is safe for concurrent use and each article's graph depends on it alone.
func resolveAll(ctx context.Context, batch []pending, todo []int, b *graph.Builder) []Built {
	out := make([]Built, len(todo))
	each(ctx, len(todo), func(_, k int) {
		p := batch[todo[k]]
		out[k] = resolveContext(ctx, p.a, p.src, b)
	})
	return out
}

// recordDigests records the source digests of articles read although unchanged (stored
// before digests, or read from other bytes that give the same article), so that the next
// run skips them. It changes no node or relationship and is not counted in the summary.
func (r *reader) recordDigests(record []store.SourceDigest) error {
	ds, ok := r.w.(DigestStore)
	if !ok || len(record) == 0 || r.stopCtx.Err() != nil {
		return nil
	}
	return ds.SetSourceDigests(r.writeCtx, record)
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
	if errors.Is(err, store.ErrUnreachable) || errors.Is(err, store.ErrAuth) {
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

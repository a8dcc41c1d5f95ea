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

// Options tune a run.
type Options struct {
	BatchSize int // articles per transaction (default 100)
	Builder   *graph.Builder
	Log       *slog.Logger
	// Progress, when set, is called after each batch.
	Progress func(done, total int, c neo4jstore.Counters)
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

// Rate returns articles per second.
func (s Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Articles) / s.Elapsed.Seconds()
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

// Build reads, validates and resolves one source.
func Build(src ingest.Source, b *graph.Builder) Built {
	out := Built{Source: src.Name()}
	a, err := ingest.Read(src)
	if err != nil {
		out.Err = err
		return out
	}
	if errs := ingest.Validate(a); len(errs) > 0 {
		out.Err = errs
		return out
	}
	ag, err := b.Build(a)
	if err != nil {
		out.Err = err
		return out
	}
	out.Graph = ag
	return out
}

// Run loads the sources into w.
func Run(ctx context.Context, srcs []ingest.Source, w Writer, opt Options) (Summary, error) {
	start := time.Now()
	if opt.BatchSize <= 0 {
		opt.BatchSize = 100
	}
	if opt.Builder == nil {
		opt.Builder = graph.NewBuilder(nil)
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	sum := Summary{Articles: len(srcs)}
	seen := map[string]string{} // article id → source, to catch clashing ids
	var batch []*graph.ArticleGraph
	var batchSrc []string
	done := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := writeBatch(ctx, w, batch, batchSrc, &sum, opt.Log)
		done += len(batch)
		batch, batchSrc = batch[:0], batchSrc[:0]
		if opt.Progress != nil {
			opt.Progress(done+len(sum.Invalid), len(srcs), sum.Counters)
		}
		return err
	}
	for _, src := range srcs {
		if err := ctx.Err(); err != nil {
			sum.Elapsed = time.Since(start)
			return sum, err
		}
		b := Build(src, opt.Builder)
		if b.Err != nil {
			sum.Invalid = append(sum.Invalid, Problem{b.Source, b.Err})
			continue
		}
		id := b.Graph.Article.ID
		if prev, ok := seen[id]; ok {
			sum.Invalid = append(sum.Invalid, Problem{b.Source, fmt.Errorf("%s: article id %q is already used by %s; give one of them another id in its .meta.json", b.Source, id, prev)})
			continue
		}
		seen[id] = b.Source
		batch = append(batch, b.Graph)
		batchSrc = append(batchSrc, b.Source)
		if len(batch) >= opt.BatchSize {
			if err := flush(); err != nil {
				sum.Elapsed = time.Since(start)
				return sum, err
			}
		}
	}
	err := flush()
	sum.Elapsed = time.Since(start)
	return sum, err
}

// writeBatch skips unchanged articles and writes the rest in one transaction, falling back
// to one transaction per article when the batch fails.
func writeBatch(ctx context.Context, w Writer, batch []*graph.ArticleGraph, srcs []string, sum *Summary, log *slog.Logger) error {
	ids := make([]string, len(batch))
	for i, ag := range batch {
		ids[i] = ag.Article.ID
	}
	stored, err := w.Fingerprints(ctx, ids)
	if err != nil {
		return err
	}
	var todo []*graph.ArticleGraph
	var todoSrc []string
	var isNew []bool
	for i, ag := range batch {
		fp, ok := stored[ag.Article.ID]
		if ok && fp == ag.Article.Fingerprint {
			sum.Unchanged++
			continue
		}
		todo = append(todo, ag)
		todoSrc = append(todoSrc, srcs[i])
		isNew = append(isNew, !ok)
	}
	if len(todo) == 0 {
		return nil
	}
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
	if ctx.Err() != nil || errors.Is(err, neo4jstore.ErrUnreachable) || errors.Is(err, neo4jstore.ErrAuth) {
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

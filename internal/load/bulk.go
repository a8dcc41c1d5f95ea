package load

import (
	"context"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/schema"
	"github.com/dipgraph/dipgraph/internal/store"
)

// BulkWriter is a Writer with a path for first loads: into an empty store it creates a
// whole corpus without reading anything back (store.ErrBulkBusy when another process
// does so first), taking the articles' own nodes while the caller still reads and the
// merged rest at the end; WaitForBulk waits for such a load by another process to end.
// The Neo4j store is one.
type BulkWriter interface {
	Writer
	Empty(ctx context.Context) (bool, error)
	BulkStream(ctx context.Context, early <-chan []schema.Node, rest func() (*schema.Dataset, error), progress func(step string)) (store.Counters, error)
	WaitForBulk(ctx context.Context, waiting func()) error
}

// bulkChunk is how many articles the bulk path reads (on every core) before it hands
// their nodes to the store and reads on.
var bulkChunk = 1000

// bulk loads srcs into an empty store. It reads and resolves the articles on every core,
// a chunk at a time, and hands each chunk's :Article and :Evidence nodes to the store,
// which creates them while the next chunk is read; then it merges the articles' graphs in
// memory (schema.Build, as the exporters do) and the store creates the rest without
// reading anything back. The graph is the one the incremental path gives; memory holds
// the whole corpus's graph instead of one batch.
func bulk(ctx context.Context, start time.Time, srcs []ingest.Source, w BulkWriter, opt Options) (Summary, error) {
	sum := Summary{Articles: len(srcs)}
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	var parts []*graph.ArticleGraph
	var late []graph.Rel
	early := make(chan []schema.Node, 1)
	go func() {
		defer close(early)
		ids := ingest.ArticleIDs{}
		for i := 0; i < len(srcs) && sctx.Err() == nil; i += bulkChunk {
			var e schema.Early
			for j, b := range buildParallel(sctx, srcs[i:min(i+bulkChunk, len(srcs))], opt.Builder, opt.Read, ids) {
				if b.Err != nil {
					sum.Invalid = append(sum.Invalid, Problem{b.Source, b.Err})
					continue
				}
				b.Graph.Article.SourceDigest = opt.digest(i + j) // see digest.go
				parts = append(parts, b.Graph)
				e.Add(b.Graph)
			}
			late = append(late, e.Late...)
			if opt.Progress != nil {
				opt.Progress(Progress{Done: min(i+bulkChunk, len(srcs)), Total: len(srcs)})
			}
			select {
			case early <- e.Nodes:
			case <-sctx.Done():
			}
		}
	}()
	rest := func() (*schema.Dataset, error) {
		// early is closed: parts, late and sum.Invalid are complete.
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		opt.Log.Info("bulk load into an empty database", "articles", len(parts), "read", time.Since(start))
		ds := schema.BuildWithoutEvidence(parts)
		ds.Evidence = schema.LateEvidence(late, parts)
		parts, late = nil, nil
		opt.Log.Debug("bulk load", "step", "merged", "elapsed", time.Since(start))
		return ds, nil
	}
	n := 0
	c, err := w.BulkStream(sctx, early, func() (*schema.Dataset, error) {
		ds, err := rest()
		if ds != nil {
			n = len(ds.Articles)
		}
		return ds, err
	}, func(step string) { opt.Log.Debug("bulk load", "step", step, "elapsed", time.Since(start)) })
	stop()
	for range early {
		// BulkStream returned without reading to the end: wait for the reader to stop.
	}
	sum.Counters = c
	if err == nil {
		sum.New = n
	}
	if opt.Progress != nil {
		opt.Progress(Progress{Done: sum.New + len(sum.Invalid), Total: len(srcs), Counters: sum.Counters})
	}
	sum.Elapsed = time.Since(start)
	return sum, err
}

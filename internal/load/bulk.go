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
// whole Dataset without reading anything back (store.ErrBulkBusy when another process
// does so first), and WaitForBulk waits for such a load by another process to end. The
// Neo4j store is one.
type BulkWriter interface {
	Writer
	Empty(ctx context.Context) (bool, error)
	BulkCreate(ctx context.Context, ds *schema.Dataset, progress func(step string)) (store.Counters, error)
	WaitForBulk(ctx context.Context, waiting func()) error
}

// bulk loads srcs into an empty store: it reads and resolves every article, merges their
// graphs in memory (schema.Build, as the exporters do) and has the store create the
// result without reading anything back. The graph is the one the incremental path gives;
// memory holds the whole corpus's graph instead of one batch.
func bulk(ctx context.Context, start time.Time, srcs []ingest.Source, w BulkWriter, opt Options) (Summary, error) {
	sum := Summary{Articles: len(srcs)}
	ids := ingest.ArticleIDs{}
	var parts []*graph.ArticleGraph
	report := func() {
		if opt.Progress != nil {
			opt.Progress(Progress{Done: sum.New + len(sum.Invalid), Total: len(srcs), Counters: sum.Counters})
		}
	}
	for i, src := range srcs {
		if err := ctx.Err(); err != nil {
			sum.Elapsed = time.Since(start)
			return sum, err
		}
		b := BuildWith(src, opt.Builder, opt.Read, ids)
		if b.Err != nil {
			sum.Invalid = append(sum.Invalid, Problem{b.Source, b.Err})
			continue
		}
		b.Graph.Article.SourceDigest = opt.digest(i) // see digest.go
		parts = append(parts, b.Graph)
		if (i+1)%opt.BatchSize == 0 && opt.Progress != nil {
			opt.Progress(Progress{Done: len(sum.Invalid), Total: len(srcs)})
		}
	}
	opt.Log.Info("bulk load into an empty database", "articles", len(parts))
	ds := schema.Build(parts)
	parts = nil
	c, err := w.BulkCreate(ctx, ds, func(step string) { opt.Log.Debug("bulk load", "step", step) })
	sum.Counters = c
	if err == nil {
		sum.New = len(ds.Articles)
	}
	report()
	sum.Elapsed = time.Since(start)
	return sum, err
}

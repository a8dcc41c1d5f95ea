package load

import (
	"context"
	"runtime"
	"sync"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
)

// buildParallel reads, validates and resolves srcs on every core and returns their
// results in source order, as a loop of BuildContext would: article ids are claimed in
// that order, so that of two inputs with one id the first read wins, whatever finished
// first. ids holds the ids claimed before (by earlier calls). When ctx is cancelled the
// sources not yet built carry ctx's error.
func buildParallel(ctx context.Context, srcs []ingest.Source, b *graph.Builder, read ReadFunc, ids ingest.ArticleIDs) []Built {
	if read == nil {
		read = ingest.ReadValid
	}
	out := make([]Built, len(srcs))
	// What claiming an id needs of each article; the articles themselves are dropped.
	claims := make([]ingest.Article, len(srcs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(runtime.GOMAXPROCS(0), 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				a, built := buildUnclaimed(ctx, srcs[i], b, read)
				if a != nil {
					claims[i] = ingest.Article{ID: a.ID, Path: a.Path, Line: a.Line, MetaPath: a.MetaPath}
				}
				out[i] = built
			}
		}()
	}
	for i := range srcs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i := range out {
		if out[i].Err != nil {
			continue
		}
		if pe := ids.Claim(&claims[i]); pe != nil {
			out[i] = Built{Source: out[i].Source, Err: pe}
		}
	}
	return out
}

// buildUnclaimed reads and resolves one source without claiming its article id.
func buildUnclaimed(ctx context.Context, src ingest.Source, b *graph.Builder, read ReadFunc) (*ingest.Article, Built) {
	if err := ctx.Err(); err != nil {
		return nil, Built{Source: src.Name(), Err: err}
	}
	a, out := readOne(src, read, nil)
	if out.Err != nil {
		return nil, out
	}
	return a, resolveContext(ctx, a, out.Source, b)
}

package load

import (
	"context"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
)

// BuildAll reads, validates and resolves every source, on every core, as Run does before
// it writes, with one set of article ids (claimed in source order) so that two inputs
// cannot claim one id. It returns the graphs of the valid articles in source order and
// passes each invalid one to invalid, in the same order. When ctx is
// cancelled it stops and returns ctx's error: a caller writes no output rather than part
// of it.
func BuildAll(ctx context.Context, srcs []ingest.Source, b *graph.Builder, read ReadFunc, invalid func(Problem)) ([]*graph.ArticleGraph, error) {
	built := buildParallel(ctx, srcs, b, read, ingest.ArticleIDs{})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var parts []*graph.ArticleGraph
	for _, bt := range built {
		if bt.Err != nil {
			invalid(Problem{Source: bt.Source, Err: bt.Err})
			continue
		}
		parts = append(parts, bt.Graph)
	}
	return parts, nil
}

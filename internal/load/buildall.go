package load

import (
	"context"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
)

// BuildAll reads, validates and resolves every source in order, as Run does before it
// writes, with one set of article ids so that two inputs cannot claim one id. It returns
// the graphs of the valid articles and passes each invalid one to invalid. When ctx is
// cancelled it stops and returns ctx's error: a caller writes no output rather than part
// of it.
func BuildAll(ctx context.Context, srcs []ingest.Source, b *graph.Builder, read ReadFunc, invalid func(Problem)) ([]*graph.ArticleGraph, error) {
	var parts []*graph.ArticleGraph
	ids := ingest.ArticleIDs{}
	for _, s := range srcs {
		bt := BuildContext(ctx, s, b, read, ids)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if bt.Err != nil {
			invalid(Problem{Source: bt.Source, Err: bt.Err})
			continue
		}
		parts = append(parts, bt.Graph)
	}
	return parts, nil
}

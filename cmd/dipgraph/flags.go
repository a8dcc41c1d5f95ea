package main

import (
	"fmt"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/graph"
)

// What several commands share: the builder with the --gazetteer flag's actors, and the
// --from/--to window.

// newBuilder is the graph builder over the built-in gazetteer and the actors of the
// --gazetteer file.
func newBuilder(c *cli.Context) (*graph.Builder, error) {
	gz := graph.BuiltinGazetteer()
	if f := c.String("gazetteer"); f != "" {
		r, err := os.Open(f)
		if err != nil {
			return nil, fmt.Errorf("open gazetteer: %w", err)
		}
		defer r.Close()
		if err := gz.Load(r, f); err != nil {
			return nil, err
		}
	}
	return graph.NewBuilder(gz), nil
}

// checkWindow refuses a --from or --to that is not a date, and a window that ends before
// it starts.
func checkWindow(from, to string) error {
	for _, d := range []struct{ flag, v string }{{"from", from}, {"to", to}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.v); err != nil {
			return app.Usagef("--%s %q is not a date (YYYY-MM-DD)", d.flag, d.v)
		}
	}
	if from != "" && to != "" && from > to {
		return app.Usagef("--from %s is after --to %s", from, to)
	}
	return nil
}

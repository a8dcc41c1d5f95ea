package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/internal/analyze"
)

func analyzeCommand() *cli.Command {
	return &cli.Command{
		Name:  "analyze",
		Usage: "find blocs, brokers, influence and unbalanced triads, and store them in Neo4j",
		Description: `Reads the relationships between actors (consult and cooperate positive, conflict
negative, each weighted by articles × |Goldstein score|), computes blocs (communities of
the signed graph) with their balance, brokers (betweenness on the cooperation graph),
influence (PageRank) and unbalanced triads (two friends of a third who are hostile to
each other), and writes them back: a node (:AnalysisRun) with the parameters and
results, and on each actor analysed bloc, bloc_run, betweenness and pagerank (the
members of the 8 largest blocs also get a label Bloc1 … Bloc8, which the Browser style
colours). Each run replaces the previous one. The saved queries blocs, brokers and
unbalanced-triads read the results.

Examples:
   dipgraph analyze
   dipgraph analyze --from 2016-01-01 --to 2016-12-31 --min-articles 2
   dipgraph query run blocs`,
		Flags: append(app.ConnFlags(),
			&cli.StringFlag{Name: "from", Usage: "only relationships last seen on or after `DATE` (YYYY-MM-DD)"},
			&cli.StringFlag{Name: "to", Usage: "only relationships first seen on or before `DATE` (YYYY-MM-DD)"},
			&cli.IntFlag{Name: "min-articles", Usage: "only relationships stated in at least `N` articles", Value: 1},
			&cli.IntFlag{Name: "max-triads", Usage: "store the `N` strongest unbalanced triads (all are counted)", Value: 1000},
			&cli.Uint64Flag{Name: "seed", Usage: "seed of the community search (the same data and seed give the same blocs)", Value: 1},
			&cli.BoolFlag{Name: "verbose", Usage: "log each step"},
			&cli.StringFlag{Name: "log-format", Usage: "text or json", Value: "text"},
		),
		Action: runAnalyze,
	}
}

func runAnalyze(c *cli.Context) error {
	if c.NArg() > 0 {
		return app.Usagef("analyze takes no arguments (did you mean --from or --to?)")
	}
	p := analyze.Params{From: c.String("from"), To: c.String("to"), MinArticles: c.Int("min-articles"), MaxTriads: c.Int("max-triads"), Seed: c.Uint64("seed")}
	if err := checkWindow(p.From, p.To); err != nil {
		return err
	}
	if p.MinArticles < 1 || p.MaxTriads < 0 {
		return app.Usagef("--min-articles must be at least 1 and --max-triads at least 0")
	}
	st, err := app.OpenStore(c)
	if err != nil {
		return err
	}
	defer st.Close(c.Context)
	sum, _, err := analyze.Analyze(c.Context, st, p, app.Logger(c))
	if err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	if sum.Actors == 0 {
		fmt.Fprintln(c.App.ErrWriter, "dipgraph: no relationship between actors matches; load articles with `dipgraph ingest` or widen --from/--to/--min-articles")
	}
	fmt.Fprintln(c.App.Writer, sum)
	return nil
}

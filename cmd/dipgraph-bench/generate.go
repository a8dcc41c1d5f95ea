package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/internal/generate"
)

// runGenerate writes the corpus and prints what it wrote.
func runGenerate(c *cli.Context) error {
	if c.NArg() != 1 {
		return app.Usagef("generate needs one OUT_DIR")
	}
	if c.Int("articles") < 0 || c.Int("actors") < 100 {
		return app.Usagef("--articles must be at least 0 and --actors at least 100")
	}
	st, err := generate.Write(c.Context, c.Args().First(), generate.Options{
		Articles: c.Int("articles"), Seed: c.Uint64("seed"), Actors: c.Int("actors"),
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(c.App.Writer, st)
	return nil
}

// generateCommand writes a synthetic corpus (package internal/generate).
func generateCommand() *cli.Command {
	return &cli.Command{
		Name:      "generate",
		Usage:     "write a synthetic, brat-annotated corpus for benchmarks and load tests",
		ArgsUsage: "OUT_DIR",
		Description: `Writes N articles (X.txt + X.ann + X.meta.json, 1000 per subfolder) whose actors
follow a long-tailed distribution over a few thousand actors: the built-in gazetteer's
actors are the most frequent, synthetic names make up the tail. Articles carry aliases and
other surface forms, ceasefires and talks shared across articles, n-ary events,
negated, proposed and speculated statements and dates. The same --articles and --seed
always give byte-identical files.

Examples:
   dipgraph-bench generate --articles 10000 --seed 1 /tmp/corpus
   dipgraph ingest /tmp/corpus`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "articles", Usage: "number of articles", Value: 10000},
			&cli.Uint64Flag{Name: "seed", Usage: "random seed; the corpus is a function of --articles and --seed", Value: 1},
			&cli.IntFlag{Name: "actors", Usage: "size of the actor pool", Value: 3000},
		},
		Action: runGenerate,
	}
}

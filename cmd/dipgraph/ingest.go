package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/load"
)

func ingestCommand() *cli.Command {
	return &cli.Command{
		Name:      "ingest",
		Usage:     "read annotated articles and load their graph into Neo4j",
		ArgsUsage: "PATH...",
		Description: `Reads brat standoff pairs (X.txt + X.ann, with an optional X.meta.json holding id,
published, title, source and url). A PATH is a file of a pair or a folder, read
recursively. Every article is validated first; an invalid one is reported and loads
nothing, the others still load. Articles already loaded with the same content are
skipped; changed ones replace their earlier version.

Examples:
   dipgraph ingest examples/
   dipgraph ingest news/2016-04-24.ann news/2016-04-25.txt
   dipgraph ingest --dry-run examples/ > graph.json`,
		Flags: append(connFlags(),
			&cli.IntFlag{Name: "batch-size", Usage: "articles per transaction", Value: 100},
			&cli.BoolFlag{Name: "dry-run", Usage: "print the resolved graph as JSON instead of loading it (no database needed)"},
			&cli.StringFlag{Name: "gazetteer", Usage: "extra actors (JSON Lines, see graph/gazetteer.jsonl) that extend or override the built-in ones", EnvVars: []string{"DIPGRAPH_GAZETTEER"}},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only the summary and problems"},
			&cli.BoolFlag{Name: "verbose", Usage: "log every batch"},
			&cli.StringFlag{Name: "log-format", Usage: "text or json", Value: "text"},
		),
		Action: runIngest,
	}
}

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

func runIngest(c *cli.Context) error {
	if c.NArg() == 0 {
		return usagef("ingest needs at least one PATH (a file or a folder of articles)")
	}
	if c.Int("batch-size") < 1 {
		return usagef("--batch-size must be at least 1")
	}
	b, err := newBuilder(c)
	if err != nil {
		return err
	}
	srcs, derr := ingest.Discover(c.Args().Slice())
	var perrs ingest.ParseErrors
	if derr != nil && !errors.As(derr, &perrs) {
		return derr
	}
	for _, e := range perrs {
		fmt.Fprintln(c.App.ErrWriter, e)
	}
	if c.Bool("dry-run") {
		return dryRun(c, srcs, b, len(perrs))
	}
	log := logger(c)
	st, err := openStore(c)
	if err != nil {
		return err
	}
	defer st.Close(c.Context)
	if err := st.EnsureSchema(c.Context); err != nil {
		return err
	}
	sum, err := load.Run(c.Context, srcs, st, load.Options{BatchSize: c.Int("batch-size"), Builder: b, Log: log})
	for _, p := range sum.Invalid {
		printProblem(c, p)
	}
	for _, p := range sum.Failed {
		fmt.Fprintf(c.App.ErrWriter, "%s: not loaded: %v\n", p.Source, p.Err)
	}
	if c.String("log-format") == "json" {
		log.Info("ingest finished", "new", sum.New, "updated", sum.Updated, "unchanged", sum.Unchanged,
			"invalid", len(sum.Invalid), "failed", len(sum.Failed),
			"nodes_created", sum.Counters.NodesCreated, "nodes_deleted", sum.Counters.NodesDeleted,
			"relationships_created", sum.Counters.RelationshipsCreated, "relationships_deleted", sum.Counters.RelationshipsDeleted,
			"elapsed_ms", sum.Elapsed.Milliseconds())
	} else {
		fmt.Fprintln(c.App.Writer, sum)
	}
	if err != nil {
		return err
	}
	if len(sum.Invalid) > 0 || len(sum.Failed) > 0 || len(perrs) > 0 {
		return silentError{exitFailure}
	}
	return nil
}

// printProblem prints every line of an article's problems, then names it as skipped.
func printProblem(c *cli.Context, p load.Problem) {
	var perrs ingest.ParseErrors
	var perr *ingest.ParseError
	switch {
	case errors.As(p.Err, &perrs):
		for _, e := range perrs {
			fmt.Fprintln(c.App.ErrWriter, e)
		}
	case errors.As(p.Err, &perr):
		fmt.Fprintln(c.App.ErrWriter, perr)
	case strings.HasPrefix(p.Err.Error(), p.Source+":"):
		fmt.Fprintln(c.App.ErrWriter, p.Err)
	default:
		fmt.Fprintf(c.App.ErrWriter, "%s: %v\n", p.Source, p.Err)
	}
	fmt.Fprintf(c.App.ErrWriter, "%s: skipped: the article is invalid\n", p.Source)
}

func dryRun(c *cli.Context, srcs []ingest.Source, b *graph.Builder, problems int) error {
	var parts []*graph.ArticleGraph
	for _, s := range srcs {
		bt := load.Build(s, b)
		if bt.Err != nil {
			printProblem(c, load.Problem{Source: bt.Source, Err: bt.Err})
			problems++
			continue
		}
		parts = append(parts, bt.Graph)
	}
	enc := json.NewEncoder(c.App.Writer)
	enc.SetIndent("", "  ")
	if err := enc.Encode(graph.Merge(parts)); err != nil {
		return err
	}
	if problems > 0 {
		return silentError{exitFailure}
	}
	return nil
}

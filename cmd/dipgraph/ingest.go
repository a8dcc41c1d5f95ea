package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/ingest/text"
	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/neo4jstore"
	"github.com/dipgraph/dipgraph/internal/render"
)

func ingestCommand() *cli.Command {
	return &cli.Command{
		Name:      "ingest",
		Usage:     "read annotated articles and load their graph into Neo4j",
		ArgsUsage: "PATH...",
		Description: `Reads annotated articles: brat standoff pairs (X.txt + X.ann, with an optional
X.meta.json holding id, published, title, source and url), Label Studio JSON exports and
native JSON Lines (see ingest/FORMATS.md); "-" reads standard input. With --format text
it reads raw .txt or .md articles and annotates them itself first (see dipgraph
annotate). A PATH is a file or a folder, read recursively. Every article is validated
first; an invalid one is reported and loads nothing, the others still load. Articles
already loaded with the same content are skipped; changed ones replace their earlier
version, and an interrupted run can simply be run again. Into an empty database a corpus
of up to 20,000 articles is merged in memory and created in bulk (CREATE only, 10,000
rows per transaction), which gives the same graph; --no-bulk loads it incrementally, in
batches, like any later run.

Examples:
   dipgraph ingest examples/
   dipgraph ingest news/2016-04-24.ann news/2016-04-25.txt
   dipgraph ingest --format text raw-news/
   dipgraph ingest --workers 2 --batch-size 200 big-corpus/
   dipgraph ingest --dry-run examples/ > graph.json`,
		Flags: append(append(app.ConnFlags(), formatFlags()...),
			&cli.StringSliceFlag{Name: "dictionary", Usage: "with --format text: extra annotator dictionary `FILE` (.tsv or .jsonl); repeatable"},
			&cli.IntFlag{Name: "batch-size", Usage: "articles per transaction", Value: load.DefaultBatchSize},
			&cli.IntFlag{Name: "workers", Usage: "batches written in parallel (writers sharing entities take turns; deadlocks are retried)", Value: 1},
			&cli.IntFlag{Name: "bulk-writers", Usage: "transactions a bulk load into an empty database runs at a time", Value: neo4jstore.DefaultBulkWriters},
			&cli.BoolFlag{Name: "no-bulk", Usage: "load an empty database incrementally too, instead of merging the corpus in memory and creating it in bulk"},
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile (go tool pprof) to `FILE`"},
			&cli.StringFlag{Name: "memprofile", Usage: "write a heap profile at the end to `FILE`"},
			&cli.BoolFlag{Name: "dry-run", Usage: "print the resolved graph as JSON instead of loading it (no database needed)"},
			&cli.StringFlag{Name: "gazetteer", Usage: "extra actors (JSON Lines, see graph/gazetteer.jsonl) that extend or override the built-in ones", EnvVars: []string{"DIPGRAPH_GAZETTEER"}},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress bar: print only the summary and problems"},
			&cli.BoolFlag{Name: "verbose", Usage: "log every batch"},
			&cli.StringFlag{Name: "log-format", Usage: "text or json", Value: "text"},
		),
		Action: runIngest,
	}
}

func runIngest(c *cli.Context) error {
	if err := checkIngestFlags(c); err != nil {
		return err
	}
	stopProfile, err := app.StartProfiles(c.String("cpuprofile"), c.String("memprofile"))
	if err != nil {
		return err
	}
	defer stopProfile()
	leanGC()
	go graph.BuiltinGazetteer() // decoded once; on the other core while discovery walks the folders
	ws := &warnings{w: c.App.ErrWriter}
	srcs, perrs, err := ingestSources(c, ws)
	if err != nil {
		return err
	}
	b, err := newBuilder(c)
	if err != nil {
		return err
	}
	for _, e := range perrs {
		fmt.Fprintln(c.App.ErrWriter, e)
	}
	read := ws.read(nil)
	if c.Bool("dry-run") {
		return dryRun(c, srcs, b, read, len(perrs), ws)
	}
	sum, err := loadSources(c, srcs, b, read)
	printIngestSummary(c, sum, ws)
	if err != nil {
		return err
	}
	if len(sum.Invalid) > 0 || len(sum.Failed) > 0 || len(perrs) > 0 {
		return app.Failed
	}
	return nil
}

// checkIngestFlags refuses what ingest cannot run with.
func checkIngestFlags(c *cli.Context) error {
	switch {
	case c.NArg() == 0:
		return app.Usagef("ingest needs at least one PATH (a file or a folder of articles)")
	case c.Int("batch-size") < 1:
		return app.Usagef("--batch-size must be at least 1")
	case c.Int("workers") < 1:
		return app.Usagef("--workers must be at least 1")
	case c.Int("bulk-writers") < 1:
		return app.Usagef("--bulk-writers must be at least 1")
	}
	if f := c.String("log-format"); f != "text" && f != "json" {
		return app.Usagef("--log-format must be text or json, not %q", f)
	}
	return nil
}

// loadSources loads srcs into the database of the connection flags, with a progress bar
// on a terminal.
func loadSources(c *cli.Context, srcs []ingest.Source, b *graph.Builder, read load.ReadFunc) (load.Summary, error) {
	st, err := app.OpenStore(c)
	if err != nil {
		return load.Summary{}, err
	}
	defer st.Close(c.Context)
	if err := st.EnsureSchema(c.Context); err != nil {
		return load.Summary{}, err
	}
	bar := render.Quiet
	if !c.Bool("quiet") && c.String("log-format") != "json" {
		bar = render.NewProgress(c.App.ErrWriter, len(srcs))
	}
	sum, err := load.Run(c.Context, srcs, st, load.Options{
		BatchSize: c.Int("batch-size"), Workers: c.Int("workers"), Builder: b, Read: read, Log: app.Logger(c), Progress: bar.Update,
		Bulk: !c.Bool("no-bulk"),
	})
	bar.Finish()
	return sum, err
}

// printIngestSummary prints the problems of the articles not loaded, then the summary:
// a line on stdout, or with --log-format json a log record on stderr.
func printIngestSummary(c *cli.Context, sum load.Summary, ws *warnings) {
	for _, p := range sum.Invalid {
		printProblem(c, p)
	}
	for _, p := range sum.Failed {
		fmt.Fprintf(c.App.ErrWriter, "%s: not loaded: %v\n", p.Source, p.Err)
	}
	if c.String("log-format") != "json" {
		fmt.Fprintf(c.App.Writer, "%s%s\n", sum, ws.summary())
		return
	}
	app.Logger(c).Info("ingest finished", "new", sum.New, "updated", sum.Updated, "unchanged", sum.Unchanged,
		"invalid", len(sum.Invalid), "failed", len(sum.Failed),
		"nodes_created", sum.Counters.NodesCreated, "nodes_deleted", sum.Counters.NodesDeleted,
		"relationships_created", sum.Counters.RelationshipsCreated, "relationships_deleted", sum.Counters.RelationshipsDeleted,
		"elapsed_ms", sum.Elapsed.Milliseconds(), "articles_per_second", sum.Rate(), "interrupted", c.Context.Err() != nil,
		"warnings", ws.count())
}

// dryRun prints the graph of srcs as JSON instead of loading it.
func dryRun(c *cli.Context, srcs []ingest.Source, b *graph.Builder, read load.ReadFunc, problems int, ws *warnings) error {
	invalid := 0
	parts, err := load.BuildAll(c.Context, srcs, b, read, func(p load.Problem) {
		printProblem(c, p)
		invalid++
	})
	if err != nil {
		return err // interrupted: no output rather than part of it
	}
	if err := render.GraphJSON(c.App.Writer, graph.Merge(parts)); err != nil {
		return err
	}
	fmt.Fprintf(c.App.ErrWriter, "dry run: %d articles resolved, %d invalid%s\n", len(parts), invalid, ws.summary())
	if problems+invalid > 0 {
		return app.Failed
	}
	return nil
}

// ingestSources finds the articles to ingest: annotated files in any format ingest reads
// or, with --format text, raw .txt or .md files annotated on the way in by the
// dictionary-and-pattern annotator.
func ingestSources(c *cli.Context, ws *warnings) ([]ingest.Source, ingest.ParseErrors, error) {
	reg := readers.All()
	if c.String("format") == text.Format {
		an, err := newAnnotator(c)
		if err != nil {
			return nil, nil, err
		}
		reg.Register(text.New(an))
	}
	srcs, perrs, warns, err := discover(c, reg)
	ws.add(warns)
	return srcs, perrs, err
}

// leanGC lets the heap grow by half its live size between collections rather than the
// runtime's default of all of it, unless the user set GOGC. An ingest holds every source
// of the run while it writes; at 100,000 articles this took the loader's peak RSS from
// 311 MB to 238 MB (BENCHMARKS.md), for garbage collection that the database's time hides.
func leanGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
}

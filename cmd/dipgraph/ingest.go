package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/annotate"
	"github.com/dipgraph/dipgraph/internal/load"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
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
		return app.Usagef("ingest needs at least one PATH (a file or a folder of articles)")
	}
	if c.Int("batch-size") < 1 {
		return app.Usagef("--batch-size must be at least 1")
	}
	if c.Int("workers") < 1 {
		return app.Usagef("--workers must be at least 1")
	}
	if f := c.String("log-format"); f != "text" && f != "json" {
		return app.Usagef("--log-format must be text or json, not %q", f)
	}
	stopProfile, err := startProfiles(c.String("cpuprofile"), c.String("memprofile"))
	if err != nil {
		return err
	}
	defer stopProfile()
	b, err := newBuilder(c)
	if err != nil {
		return err
	}
	ws := &warnings{w: c.App.ErrWriter}
	srcs, perrs, read, err := ingestSources(c, ws)
	if err != nil {
		return err
	}
	for _, e := range perrs {
		fmt.Fprintln(c.App.ErrWriter, e)
	}
	read = ws.read(read)
	if c.Bool("dry-run") {
		return dryRun(c, srcs, b, read, len(perrs), ws)
	}
	log := app.Logger(c)
	st, err := app.OpenStore(c)
	if err != nil {
		return err
	}
	defer st.Close(c.Context)
	if err := st.EnsureSchema(c.Context); err != nil {
		return err
	}
	bar := newProgress(c, len(srcs))
	sum, err := load.Run(c.Context, srcs, st, load.Options{
		BatchSize: c.Int("batch-size"), Workers: c.Int("workers"), Builder: b, Read: read, Log: log, Progress: bar.update,
		Bulk: !c.Bool("no-bulk"),
	})
	bar.finish()
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
			"elapsed_ms", sum.Elapsed.Milliseconds(), "articles_per_second", sum.Rate(), "interrupted", c.Context.Err() != nil,
			"warnings", ws.count())
	} else {
		fmt.Fprintf(c.App.Writer, "%s%s\n", sum, ws.summary())
	}
	if err != nil {
		return err
	}
	if len(sum.Invalid) > 0 || len(sum.Failed) > 0 || len(perrs) > 0 {
		return app.Failed
	}
	return nil
}

// printProblem prints every line of an article's problems, then names it as skipped.
func printProblem(c *cli.Context, p load.Problem) {
	printErrors(c.App.ErrWriter, p.Source, p.Err)
	fmt.Fprintf(c.App.ErrWriter, "%s: skipped: the article is invalid\n", p.Source)
}

// printErrors prints an article's problems one a line, positioned (file:line: message),
// and returns how many it printed. An error without a position is put under source.
func printErrors(w io.Writer, source string, err error) int {
	var perrs ingest.ParseErrors
	var perr *ingest.ParseError
	switch {
	case errors.As(err, &perrs):
		for _, e := range perrs {
			fmt.Fprintln(w, e)
		}
		return len(perrs)
	case errors.As(err, &perr):
		fmt.Fprintln(w, perr)
	case strings.HasPrefix(err.Error(), source+":"):
		fmt.Fprintln(w, err)
	default:
		fmt.Fprintf(w, "%s: %v\n", source, err)
	}
	return 1
}

func dryRun(c *cli.Context, srcs []ingest.Source, b *graph.Builder, read load.ReadFunc, problems int, ws *warnings) error {
	var parts []*graph.ArticleGraph
	invalid := 0
	ids := ingest.ArticleIDs{}
	for _, s := range srcs {
		bt := load.BuildContext(c.Context, s, b, read, ids)
		if err := c.Context.Err(); err != nil {
			return err // interrupted: no output rather than part of it
		}
		if bt.Err != nil {
			printProblem(c, load.Problem{Source: bt.Source, Err: bt.Err})
			problems++
			invalid++
			continue
		}
		parts = append(parts, bt.Graph)
	}
	if err := writeGraphJSON(c.App.Writer, graph.Merge(parts)); err != nil {
		return err
	}
	fmt.Fprintf(c.App.ErrWriter, "dry run: %d articles resolved, %d invalid%s\n", len(parts), invalid, ws.summary())
	if problems > 0 {
		return app.Failed
	}
	return nil
}

// ingestSources finds the articles to ingest. With --format text they are raw .txt or .md
// files, annotated on the way in by the dictionary-and-pattern annotator; otherwise they
// are annotated files in any format ingest reads.
func ingestSources(c *cli.Context, ws *warnings) ([]ingest.Source, ingest.ParseErrors, load.ReadFunc, error) {
	if c.String("format") != "text" {
		srcs, perrs, warns, err := discover(c)
		ws.add(warns)
		return srcs, perrs, nil, err
	}
	files, err := rawArticles(c.Args().Slice())
	if err != nil {
		return nil, nil, nil, err
	}
	an, err := newAnnotator(c)
	if err != nil {
		return nil, nil, nil, err
	}
	srcs := make([]ingest.Source, len(files))
	for i, f := range files {
		srcs[i] = ingest.Source{Format: "text", TextPath: f.path, Path: f.path}
	}
	read := func(s ingest.Source) (*ingest.Article, error) {
		a, err := annotate.ReadFile(s.TextPath, an)
		if err != nil {
			return nil, err
		}
		if errs := ingest.Validate(a); len(errs) > 0 {
			return nil, errs
		}
		return a, nil
	}
	return srcs, nil, read, nil
}

// writeGraphJSON writes g as an indented JSON object, as json.Encoder with a two-space
// indent would, but one article, node and relationship at a time, so that the output is
// never held in memory whole.
func writeGraphJSON(w io.Writer, g *graph.Graph) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	type field struct {
		name string
		n    int
		null bool
		item func(i int) any
	}
	fields := []field{
		{"articles", len(g.Articles), g.Articles == nil, func(i int) any { return g.Articles[i] }},
		{"nodes", len(g.Nodes), g.Nodes == nil, func(i int) any { return g.Nodes[i] }},
		{"rels", len(g.Rels), g.Rels == nil, func(i int) any { return g.Rels[i] }},
	}
	bw.WriteString("{\n")
	for fi, f := range fields {
		fmt.Fprintf(bw, "  %q: ", f.name)
		switch {
		case f.null:
			bw.WriteString("null")
		case f.n == 0:
			bw.WriteString("[]")
		default:
			bw.WriteString("[\n")
			for i := 0; i < f.n; i++ {
				b, err := json.MarshalIndent(f.item(i), "    ", "  ")
				if err != nil {
					return err
				}
				bw.WriteString("    ")
				bw.Write(b)
				if i < f.n-1 {
					bw.WriteString(",")
				}
				bw.WriteString("\n")
			}
			bw.WriteString("  ]")
		}
		if fi < len(fields)-1 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

package main

import (
	"context"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/export"
	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/render"
	"github.com/dipgraph/dipgraph/internal/schema"
)

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write the graph of articles as Cypher, JSON, GraphML, dot or CSV (no database needed)",
		ArgsUsage: "PATH...",
		Description: `Reads, validates and resolves the articles as ingest does and writes the graph ingest
would store, without a database:

   cypher   a plain script of ;-terminated statements with literal values, for an empty
            database (cypher-shell -f graph.cypher, or paste into the Browser)
   json     {"nodes": [...], "relationships": [...]} with labels, types and properties
   graphml  for Gephi, yEd or NetworkX
   dot      entities and relationships for Graphviz (dot -Tsvg graph.dot > graph.svg)
   csv      node and relationship files for neo4j-admin database import full, written
            into the folder --out with import.sh, the command that loads them

Examples:
   dipgraph export --format cypher examples/ > graph.cypher
   dipgraph export --format graphml --out graph.graphml examples/
   dipgraph export --format csv --out import/ examples/ && import/import.sh`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Usage: "cypher, json, graphml, dot or csv", Value: "cypher"},
			&cli.StringFlag{Name: "out", Usage: "write to `FILE` (a folder for csv) instead of stdout"},
			&cli.StringFlag{Name: "gazetteer", Usage: "extra actors (JSON Lines) that extend or override the built-in ones", EnvVars: []string{"DIPGRAPH_GAZETTEER"}},
			strictFlag(),
		},
		Action: runExport,
	}
}

func runExport(c *cli.Context) error {
	if c.NArg() == 0 {
		return app.Usagef("export needs at least one PATH (a file or a folder of articles)")
	}
	write, err := exportWriter(c.String("format"), c.String("out"), c.App.Writer)
	if err != nil {
		return err
	}
	b, err := newBuilder(c)
	if err != nil {
		return err
	}
	ws := &warnings{w: c.App.ErrWriter}
	srcs, perrs, warns, err := discoverWith(c.Args().Slice(), ingest.Options{Strict: c.Bool("strict")})
	ws.add(warns)
	if err != nil {
		return err
	}
	for _, e := range perrs {
		fmt.Fprintln(c.App.ErrWriter, e)
	}
	problems := len(perrs)
	parts, err := load.BuildAll(c.Context, srcs, b, ws.read(nil), func(p load.Problem) {
		printProblem(c, p)
		problems++
	})
	if err != nil {
		return err // interrupted: no output rather than part of it
	}
	ds := schema.Build(parts)
	if err := write(c.Context, ds); err != nil {
		return err
	}
	fmt.Fprintf(c.App.ErrWriter, "exported %d articles: %d entities, %d relationships, %d mentions (%s)%s\n",
		len(ds.Articles), len(ds.Entities), len(ds.Rels), len(ds.Mentions), c.String("format"), ws.summary())
	if problems > 0 {
		return app.Failed
	}
	return nil
}

// exportWriter is what writes the dataset in format: into the folder out for csv, else
// into the file out (all or nothing, see render.ToFile), or to stdout when out is "".
func exportWriter(format, out string, stdout io.Writer) (func(context.Context, *schema.Dataset) error, error) {
	writers := map[string]func(io.Writer, *schema.Dataset) error{
		"cypher": export.WriteCypher, "json": export.WriteJSON, "graphml": export.WriteGraphML, "dot": export.WriteDot,
	}
	writeTo, ok := writers[format]
	switch {
	case format == "csv" && out == "":
		return nil, app.Usagef("--format csv writes several files: give the folder with --out DIR")
	case format == "csv":
		return func(_ context.Context, ds *schema.Dataset) error { return export.WriteCSV(out, ds) }, nil
	case !ok:
		return nil, app.Usagef("--format must be cypher, json, graphml, dot or csv, not %q", format)
	}
	return func(ctx context.Context, ds *schema.Dataset) error {
		write := func(w io.Writer) error { return writeTo(w, ds) }
		var err error
		if out == "" {
			err = write(stdout)
		} else {
			err = render.ToFile(ctx, out, write)
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", format, err)
		}
		return nil
	}, nil
}

package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/export"
	"github.com/dipgraph/dipgraph/internal/load"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
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
	format := c.String("format")
	writers := map[string]func(io.Writer, *export.Dataset) error{
		"cypher": export.WriteCypher, "json": export.WriteJSON, "graphml": export.WriteGraphML, "dot": export.WriteDot,
	}
	if _, ok := writers[format]; !ok && format != "csv" {
		return app.Usagef("--format must be cypher, json, graphml, dot or csv, not %q", format)
	}
	if format == "csv" && c.String("out") == "" {
		return app.Usagef("--format csv writes several files: give the folder with --out DIR")
	}
	b, err := newBuilder(c)
	if err != nil {
		return err
	}
	ws := &warnings{w: c.App.ErrWriter}
	srcs, perrs, warns, derr := discoverWith(c.Args().Slice(), ingest.Options{Strict: c.Bool("strict")})
	ws.add(warns)
	if derr != nil {
		return derr
	}
	read := ws.read(nil)
	for _, e := range perrs {
		fmt.Fprintln(c.App.ErrWriter, e)
	}
	problems := len(perrs)
	var parts []*graph.ArticleGraph
	ids := ingest.ArticleIDs{}
	for _, s := range srcs {
		bt := load.BuildContext(c.Context, s, b, read, ids)
		if err := c.Context.Err(); err != nil {
			return err // interrupted: no output rather than part of it
		}
		if bt.Err != nil {
			printProblem(c, load.Problem{Source: bt.Source, Err: bt.Err})
			problems++
			continue
		}
		parts = append(parts, bt.Graph)
	}
	ds := export.Build(parts)
	if format == "csv" {
		if err := export.WriteCSV(c.String("out"), ds); err != nil {
			return err
		}
	} else {
		w := c.App.Writer
		var f *os.File
		out := c.String("out")
		if out != "" {
			// Written beside the target and renamed into place at the end, so that an
			// interrupted export leaves the old file or the new one, never half of one.
			if f, err = os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp"); err != nil {
				return fmt.Errorf("create output: %w", err)
			}
			defer os.Remove(f.Name())
			if err := f.Chmod(0o644); err != nil {
				f.Close()
				return fmt.Errorf("create output: %w", err)
			}
			w = f
		}
		err := writers[format](w, ds)
		if f != nil {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err == nil {
				err = c.Context.Err()
			}
			if err == nil {
				err = os.Rename(f.Name(), out)
			}
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", format, err)
		}
	}
	fmt.Fprintf(c.App.ErrWriter, "exported %d articles: %d entities, %d relationships, %d mentions (%s)%s\n",
		len(ds.Articles), len(ds.Entities), len(ds.Rels), len(ds.Mentions), format, ws.summary())
	if problems > 0 {
		return app.Failed
	}
	return nil
}

package main

import (
	"io"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
)

// run is the whole program: it parses args, runs one command and returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return app.Run(newApp(stdin, stdout, stderr), args)
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:  "dipgraph",
		Usage: "build a knowledge graph of diplomatic relationships from news articles",
		Description: `dipgraph reads annotated news articles (brat standoff pairs X.txt + X.ann with an
optional X.meta.json), resolves every mention to one entity per real-world actor, and
loads entities, events and typed relationships with their evidence into Neo4j. Saved
Cypher queries answer the usual questions (who spoke with whom, who fights whom, who is
excluded from a ceasefire).

Examples:
   dipgraph ingest examples/
   dipgraph query list
   dipgraph query run spoke-with --param actor="John Kerry"

Connection settings come from flags or NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and
NEO4J_DATABASE; the local server started by 'make neo4j-up' uses user neo4j with
password dipgraph-local.`,
		Reader:          stdin,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		Commands: []*cli.Command{
			ingestCommand(),
			validateCommand(),
			queryCommand(),
			retractCommand(),
			fingerprintCommand(),
			exportCommand(),
			statsCommand(),
			annotateCommand(),
			evalCommand(),
			gazetteerCommand(),
			analyzeCommand(),
			reportCommand(),
		},
	}
}

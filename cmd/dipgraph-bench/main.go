// Command dipgraph-bench holds dipgraph's developer tools: the loader benchmark (bench) and
// the synthetic corpus it loads (generate). They live apart from dipgraph, the analyst's
// command; `make bench` builds both and runs this one.
package main

import (
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
)

func main() { os.Exit(app.Run(benchApp(os.Stdin, os.Stdout, os.Stderr), os.Args)) }

// benchApp is the command with its two subcommands, reading stdin and writing stdout and
// stderr.
func benchApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:  "dipgraph-bench",
		Usage: "measure dipgraph's loader and write the synthetic corpora it is measured on",
		Description: `The developer tools of dipgraph: bench loads a generated corpus with dipgraph and its
alternatives, side by side in one run, and prints the table of BENCHMARKS.md; generate
writes such a corpus for load tests of your own.

Examples:
   dipgraph-bench generate --articles 1000 /tmp/corpus
   dipgraph-bench bench --articles 1000 --variants c,e
   make bench          # builds bin/dipgraph and bin/dipgraph-bench, runs the full benchmark`,
		Reader:          stdin,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		Commands: []*cli.Command{
			benchCommand(),
			generateCommand(),
		},
	}
}

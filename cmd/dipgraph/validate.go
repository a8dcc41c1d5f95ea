package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/ingest"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check annotated articles without loading them",
		ArgsUsage: "PATH...",
		Description: `Checks every article under PATH (brat pairs, Label Studio JSON exports, native JSON
Lines; "-" reads standard input): offsets inside the text, span text equal to the text it
covers, unique ids, references that exist, types declared in annotation.conf and
argument types, type names that can become labels. Prints every problem as
file:line: message and exits with 1 if there is any.

Examples:
   dipgraph validate examples/
   dipgraph validate news/2016-04-24.ann
   dipgraph validate --config examples/annotation.conf export.json
   cat article.jsonl | dipgraph validate -`,
		Flags:  formatFlags(),
		Action: runValidate,
	}
}

// runValidate reads every article as ingest would and prints every problem.
func runValidate(c *cli.Context) error {
	if c.NArg() == 0 {
		return app.Usagef("validate needs at least one PATH (a file, a folder, or - for standard input)")
	}
	ws := &warnings{w: c.App.ErrWriter}
	srcs, perrs, warns, err := discover(c, nil)
	ws.add(warns)
	if err != nil {
		return err
	}
	problems := len(perrs)
	for _, e := range perrs {
		fmt.Fprintln(c.App.ErrWriter, e)
	}
	bad := 0
	// The whole-corpus checks of ingest too: two inputs may not claim one article id.
	ids := ingest.ArticleIDs{}
	read := ws.read(nil)
	for _, s := range srcs {
		a, err := read(s)
		if err == nil {
			if pe := ids.Claim(a); pe != nil {
				err = pe
			}
		}
		if err == nil {
			continue
		}
		bad++
		problems += printErrors(c.App.ErrWriter, s.Name(), err)
	}
	if problems > 0 {
		fmt.Fprintf(c.App.ErrWriter, "%d problems; %d of %d articles invalid%s\n", problems, bad, len(srcs), ws.summary())
		return app.Failed
	}
	fmt.Fprintf(c.App.Writer, "%d articles, no problems%s\n", len(srcs), ws.summary())
	return nil
}

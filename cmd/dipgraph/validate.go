package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/ingest"
)

// formatFlags choose the reader and the annotation schema, for every command that reads articles.
func formatFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Usage: "read every file as `FORMAT`: brat, labelstudio, native, or (ingest only) text to annotate raw articles first (default: by extension and content)"},
		&cli.StringFlag{Name: "config", Usage: "check types against this brat annotation.conf `FILE` (default: an annotation.conf beside or above brat files)"},
	}
}

// discover finds the sources under the command's arguments with its format flags.
func discover(c *cli.Context) ([]ingest.Source, ingest.ParseErrors, error) {
	f := c.String("format")
	switch f {
	case "", ingest.FormatBrat, ingest.FormatLabelStudio, ingest.FormatNative:
	default:
		return nil, nil, usagef("--format must be brat, labelstudio or native, not %q", f)
	}
	srcs, err := ingest.DiscoverWith(c.Args().Slice(), ingest.Options{Format: f, Stdin: c.App.Reader, Config: c.String("config")})
	var perrs ingest.ParseErrors
	if err != nil && !errors.As(err, &perrs) {
		return nil, nil, err
	}
	return srcs, perrs, nil
}

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
		Flags: formatFlags(),
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("validate needs at least one PATH (a file, a folder, or - for standard input)")
			}
			srcs, perrs, err := discover(c)
			if err != nil {
				return err
			}
			problems := len(perrs)
			for _, e := range perrs {
				fmt.Fprintln(c.App.ErrWriter, e)
			}
			bad := 0
			for _, s := range srcs {
				_, err := ingest.ReadValid(s)
				if err == nil {
					continue
				}
				bad++
				problems += printErrors(c.App.ErrWriter, s.Name(), err)
			}
			if problems > 0 {
				fmt.Fprintf(c.App.ErrWriter, "%d problems; %d of %d articles invalid\n", problems, bad, len(srcs))
				return silentError{exitFailure}
			}
			fmt.Fprintf(c.App.Writer, "%d articles, no problems\n", len(srcs))
			return nil
		},
	}
}

package main

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/ingest"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check annotated articles without loading them",
		ArgsUsage: "PATH...",
		Description: `Checks every article under PATH: offsets inside the text, span text equal to the
text it covers, unique ids, references that exist, type names that can become labels.
Prints every problem as file:line: message and exits with 1 if there is any.

Examples:
   dipgraph validate examples/
   dipgraph validate news/2016-04-24.ann`,
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return usagef("validate needs at least one PATH")
			}
			srcs, derr := ingest.Discover(c.Args().Slice())
			var perrs ingest.ParseErrors
			if derr != nil && !errors.As(derr, &perrs) {
				return derr
			}
			problems := len(perrs)
			for _, e := range perrs {
				fmt.Fprintln(c.App.ErrWriter, e)
			}
			for _, s := range srcs {
				a, err := ingest.Read(s)
				if err != nil {
					var pe ingest.ParseErrors
					var p1 *ingest.ParseError
					switch {
					case errors.As(err, &pe):
						for _, e := range pe {
							fmt.Fprintln(c.App.ErrWriter, e)
						}
						problems += len(pe)
					case errors.As(err, &p1):
						fmt.Fprintln(c.App.ErrWriter, p1)
						problems++
					default:
						fmt.Fprintf(c.App.ErrWriter, "%s: %v\n", s.Name(), err)
						problems++
					}
					if a == nil {
						continue
					}
				}
				for _, e := range ingest.Validate(a) {
					fmt.Fprintln(c.App.ErrWriter, e)
					problems++
				}
			}
			if problems > 0 {
				fmt.Fprintf(c.App.ErrWriter, "%d problems in %d articles\n", problems, len(srcs))
				return silentError{exitFailure}
			}
			fmt.Fprintf(c.App.Writer, "%d articles, no problems\n", len(srcs))
			return nil
		},
	}
}

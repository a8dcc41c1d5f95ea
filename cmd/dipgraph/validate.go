package main

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/load"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
)

// formatFlags choose the reader and the annotation schema, for every command that reads articles.
func formatFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Usage: "read every file as `FORMAT`: brat, labelstudio, native, or (ingest only) text to annotate raw articles first (default: by extension and content)"},
		&cli.StringFlag{Name: "config", Usage: "check types against this brat annotation.conf `FILE` (default: an annotation.conf beside or above brat files)"},
		strictFlag(),
	}
}

// strictFlag makes warnings errors, for every command that reads articles.
func strictFlag() cli.Flag {
	return &cli.BoolFlag{Name: "strict", Usage: "treat warnings (a .txt without its .ann, a .meta.json without its article, a Label Studio task without a usable annotation) as errors"}
}

// discover finds the sources under the command's arguments with its format flags, and
// returns the problems and the warnings of discovery.
func discover(c *cli.Context) ([]ingest.Source, ingest.ParseErrors, ingest.ParseErrors, error) {
	f := c.String("format")
	switch f {
	case "", ingest.FormatBrat, ingest.FormatLabelStudio, ingest.FormatNative:
	default:
		return nil, nil, nil, app.Usagef("--format must be brat, labelstudio or native, not %q", f)
	}
	opt := ingest.Options{Format: f, Stdin: c.App.Reader, Config: c.String("config"), Strict: c.Bool("strict")}
	return discoverWith(c.Args().Slice(), opt)
}

func discoverWith(paths []string, opt ingest.Options) ([]ingest.Source, ingest.ParseErrors, ingest.ParseErrors, error) {
	srcs, warns, err := ingest.DiscoverAll(paths, opt)
	var perrs ingest.ParseErrors
	if err != nil && !errors.As(err, &perrs) {
		return nil, nil, warns, err
	}
	return srcs, perrs, warns, nil
}

// warnings prints warnings as they come, one a line, and counts them for the summary.
type warnings struct {
	w  io.Writer
	mu sync.Mutex
	n  int
}

func (ws *warnings) add(es ingest.ParseErrors) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	for _, e := range es {
		fmt.Fprintln(ws.w, e)
		ws.n++
	}
}

// count returns how many warnings were printed.
func (ws *warnings) count() int {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	return ws.n
}

// read wraps a ReadFunc (nil: ingest.ReadValid) so that the warnings of every article it
// reads are printed.
func (ws *warnings) read(read load.ReadFunc) load.ReadFunc {
	if read == nil {
		read = ingest.ReadValid
	}
	return func(s ingest.Source) (*ingest.Article, error) {
		a, err := read(s)
		if a != nil {
			ws.add(a.Warnings)
		}
		return a, err
	}
}

// summary is ", N warnings" for a summary line, or "" when there were none.
func (ws *warnings) summary() string {
	switch n := ws.count(); n {
	case 0:
		return ""
	case 1:
		return ", 1 warning (--strict makes warnings errors)"
	default:
		return fmt.Sprintf(", %d warnings (--strict makes warnings errors)", n)
	}
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
				return app.Usagef("validate needs at least one PATH (a file, a folder, or - for standard input)")
			}
			ws := &warnings{w: c.App.ErrWriter}
			srcs, perrs, warns, err := discover(c)
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
		},
	}
}

package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/load"
)

// What the commands that read articles (ingest, validate, export) share: their flags,
// finding the articles, and printing problems and warnings.

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
// returns the problems and the warnings of discovery. reg holds the readers (nil: every
// reader of annotated articles).
func discover(c *cli.Context, reg *ingest.Registry) ([]ingest.Source, ingest.ParseErrors, ingest.ParseErrors, error) {
	if reg == nil {
		reg = readers.All()
	}
	f := c.String("format")
	if _, ok := reg.Lookup(f); f != "" && !ok {
		return nil, nil, nil, app.Usagef("--format must be brat, labelstudio or native, not %q", f)
	}
	opt := ingest.Options{Readers: reg, Format: f, Stdin: c.App.Reader, Config: c.String("config"), Strict: c.Bool("strict")}
	return discoverWith(c.Args().Slice(), opt)
}

func discoverWith(paths []string, opt ingest.Options) ([]ingest.Source, ingest.ParseErrors, ingest.ParseErrors, error) {
	if opt.Readers == nil {
		opt.Readers = readers.All()
	}
	srcs, warns, err := ingest.Discover(paths, opt)
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

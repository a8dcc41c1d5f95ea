package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/annotate"
)

func annotateCommand() *cli.Command {
	return &cli.Command{
		Name:      "annotate",
		Usage:     "annotate raw news articles (brat .ann) with dictionaries and patterns",
		ArgsUsage: "PATH...",
		Description: `Reads raw articles and writes brat annotations (X.ann) for a person to review in brat
or for 'dipgraph ingest' to load. A PATH is a text file (X.txt, or X.md) or a folder,
read recursively for .txt and .md files. Metadata comes from X.meta.json beside the text,
or from a front-matter header at the top of the file:

   ---
   title: US and Russia discuss cooperation in Syria
   date: 2016-04-24
   source: Daily News Egypt
   ---
   The text...

A header is removed from the text the annotations point into: its fields go to
X.meta.json and the text after it to X.txt (an X.txt with a header is rewritten without
it), so that brat offsets stay right.

Annotations are written next to the text, or under --out DIR with a copy of the text and
metadata so that DIR is a complete brat corpus. A hand-made X.ann is never replaced unless
--force is given; files this command wrote carry a note (#1 AnnotatorNotes) saying so and
are replaced on the next run.

Examples:
   dipgraph annotate news/
   dipgraph annotate --out annotated/ seeds/article.txt
   dipgraph annotate --dictionary my-words.tsv --dictionary my-actors.jsonl news/
   dipgraph eval --gold examples/gold --pred annotated/`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "write annotations (and text and metadata) under `DIR` instead of next to the input"},
			&cli.BoolFlag{Name: "force", Usage: "replace annotation files that were not written by dipgraph annotate"},
			&cli.StringSliceFlag{Name: "dictionary", Usage: "extra dictionary `FILE`: .tsv (annotator format, see internal/annotate/README.md) or .jsonl (actors, gazetteer format); repeatable"},
			&cli.StringFlag{Name: "gazetteer", Usage: "extra actors (JSON Lines, see graph/gazetteer.jsonl) that extend or override the built-in ones", EnvVars: []string{"DIPGRAPH_GAZETTEER"}},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only the summary and problems"},
		},
		Action: runAnnotate,
	}
}

// newAnnotator builds the annotator from the built-in data and the command's extra files.
func newAnnotator(c *cli.Context) (*annotate.Annotator, error) {
	b, err := newBuilder(c)
	if err != nil {
		return nil, err
	}
	an, err := annotate.New(b.Gazetteer)
	if err != nil {
		return nil, err
	}
	for _, f := range c.StringSlice("dictionary") {
		r, err := os.Open(f)
		if err != nil {
			return nil, fmt.Errorf("open dictionary: %w", err)
		}
		err = an.LoadDictionary(r, f)
		r.Close()
		if err != nil {
			return nil, err
		}
	}
	return an, nil
}

// rawFile is a raw article file and its path relative to the folder argument it was found
// in (its name, for a file argument), which --out keeps.
type rawFile struct{ path, rel string }

// rawArticles finds the raw article files under paths.
func rawArticles(paths []string) ([]rawFile, error) {
	var out []rawFile
	seen := map[string]bool{}
	add := func(p, rel string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, rawFile{p, rel})
		}
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: no such file or folder", p)
		}
		if !fi.IsDir() {
			add(p, filepath.Base(p))
			continue
		}
		err = ingest.WalkFiles(p, func(path string) error {
			if ext := filepath.Ext(path); ext == ".txt" || ext == ".md" {
				rel, err := filepath.Rel(p, path)
				if err != nil {
					return err
				}
				add(path, rel)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b rawFile) int { return strings.Compare(a.path, b.path) })
	if len(out) == 0 {
		return nil, fmt.Errorf("%w in %s: expected .txt or .md files", ingest.ErrNoArticles, strings.Join(paths, ", "))
	}
	return out, nil
}

func runAnnotate(c *cli.Context) error {
	if c.NArg() == 0 {
		return app.Usagef("annotate needs at least one PATH (a text file or a folder of them)")
	}
	an, err := newAnnotator(c)
	if err != nil {
		return err
	}
	files, err := rawArticles(c.Args().Slice())
	if err != nil {
		return err
	}
	r := &annotateRun{an: an, out: c.String("out"), force: c.Bool("force"), stderr: c.App.ErrWriter}
	if !c.Bool("quiet") {
		r.stdout = c.App.Writer
	}
	if r.out != "" {
		if err := os.MkdirAll(r.out, 0o755); err != nil {
			return fmt.Errorf("create output folder: %w", err)
		}
	}
	start := time.Now()
	for _, rf := range files {
		if err := r.file(rf); err != nil {
			return err
		}
	}
	fmt.Fprintf(c.App.Writer, "annotated %d articles (%d KB, %d mentions, %d relations), kept %d hand-made, %d with problems; %s\n",
		r.done, (r.bytes+1023)/1024, r.mentions, r.relations, r.skipped, r.problems, time.Since(start).Round(time.Millisecond))
	if r.problems > 0 || r.skipped > 0 {
		return app.Failed
	}
	return nil
}

// annotateRun annotates raw article files one by one and counts what it did.
type annotateRun struct {
	an     *annotate.Annotator
	out    string    // the folder to write under; "" writes beside each input
	force  bool      // replace annotations a person wrote
	stdout io.Writer // a line per article, or nil
	stderr io.Writer

	done, skipped, problems    int
	bytes, mentions, relations int
}

// file annotates one raw article and writes its annotations (and, where they are not
// there already, its text and metadata). A problem with the article is printed and
// counted; the error returned is one that stops the run (a file that cannot be written).
func (r *annotateRun) file(rf rawFile) error {
	in, err := annotate.ReadInput(rf.path)
	if err != nil {
		fmt.Fprintln(r.stderr, err)
		r.problems++
		return nil
	}
	dir := filepath.Dir(rf.path)
	if r.out != "" {
		dir = filepath.Join(r.out, filepath.Dir(rf.rel))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("create output folder: %w", err)
		}
	}
	base := filepath.Join(dir, strings.TrimSuffix(filepath.Base(rf.path), filepath.Ext(rf.path)))
	annPath := base + ".ann"
	if old, err := os.ReadFile(annPath); err == nil && !r.force && !annotate.IsGenerated(string(old)) {
		fmt.Fprintf(r.stderr, "%s: kept: not written by dipgraph annotate (use --force to replace it)\n", annPath)
		r.skipped++
		return nil
	}
	a, err := r.an.Article(in.Text, in.Meta)
	if err != nil {
		fmt.Fprintln(r.stderr, err)
		r.problems++
		return nil
	}
	if err := r.write(rf.path, base, in, a); err != nil {
		return err
	}
	r.done++
	r.bytes += len(in.Text)
	r.mentions += len(a.Mentions)
	r.relations += len(a.Relations)
	if r.stdout != nil {
		fmt.Fprintf(r.stdout, "%s: %d mentions, %d relations\n", annPath, len(a.Mentions), len(a.Relations))
	}
	return nil
}

// write writes the annotations at base.ann, and the text the offsets point into and the
// metadata where the annotations go when they are not there already (a header removed
// from the text, or another folder with --out).
func (r *annotateRun) write(src, base string, in *annotate.Input, a *ingest.Article) error {
	txtPath := base + ".txt"
	if in.Header || filepath.Clean(txtPath) != filepath.Clean(src) {
		if err := os.WriteFile(txtPath, []byte(in.Text), 0o644); err != nil {
			return fmt.Errorf("write text: %w", err)
		}
	}
	if in.Header || r.out != "" && in.MetaPath != "" {
		if err := os.WriteFile(base+".meta.json", in.Meta.MetaJSON(), 0o644); err != nil {
			return fmt.Errorf("write metadata: %w", err)
		}
	}
	if err := os.WriteFile(base+".ann", []byte(a.Annotations), 0o644); err != nil {
		return fmt.Errorf("write annotations: %w", err)
	}
	return nil
}

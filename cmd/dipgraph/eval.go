package main

import (
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/annotate"
	"github.com/dipgraph/dipgraph/internal/eval"
)

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:  "eval",
		Usage: "score the annotator (or any predicted annotations) against hand annotations",
		Description: `Compares annotations with the hand annotations (a gold set) under --gold, article by
article, and prints precision, recall and F1 per type and overall for:

   entities (overlap)  same type, overlapping spans
   entities (exact)    same type, same spans
   resolution (keys)   the entities both resolve to (graph keys, as ingest would load them)
   relations           same relation type between the same resolved entities; an event
                       argument counts by the event's label (a Ceasefire)

Without --pred, the gold texts are annotated here by the built-in annotator (with the
--gazetteer and --dictionary files, as 'dipgraph annotate' would), and the annotator's
throughput is printed too: MB of text per CPU-second (MB/s per core), measured over
repeated passes until the annotation has used --min-cpu of CPU time.

With --pred, the brat annotations at the same relative paths under --pred are scored
instead (written by 'dipgraph annotate --out' or any other tool).

--exclude leaves a folder inside the gold set out (repeatable): examples/gold holds the
tuning set with the blind test sets in examples/gold/blind and examples/gold/blind-2,
each scored on its own.

Examples:
   dipgraph eval --gold examples/gold --exclude examples/gold/blind --exclude examples/gold/blind-2
   dipgraph eval --gold examples/gold/blind-2
   dipgraph annotate --out /tmp/pred examples/gold
   dipgraph eval --gold examples/gold --pred /tmp/pred`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Usage: "folder of hand-annotated brat articles (`DIR`), read recursively", Required: true},
			&cli.StringFlag{Name: "pred", Usage: "folder of predicted .ann files (`DIR`) at the same relative paths; without it the built-in annotator annotates the gold texts"},
			&cli.StringSliceFlag{Name: "exclude", Usage: "leave out the articles under `DIR` (inside --gold); repeatable"},
			&cli.DurationFlag{Name: "min-cpu", Value: time.Second, Usage: "annotate the texts again until the annotation has used this much CPU time, for the throughput figure (`DURATION`; 0: one pass)"},
			&cli.StringSliceFlag{Name: "dictionary", Usage: "extra annotator dictionary `FILE` (.tsv or .jsonl), as for dipgraph annotate; repeatable"},
			&cli.StringFlag{Name: "gazetteer", Usage: "extra actors (JSON Lines) to annotate and resolve both sides with", EnvVars: []string{"DIPGRAPH_GAZETTEER"}},
		},
		Action: runEval,
	}
}

func runEval(c *cli.Context) error {
	if c.NArg() > 0 {
		return app.Usagef("eval takes no arguments; give folders with --gold (and --pred)")
	}
	if c.Duration("min-cpu") < 0 {
		return app.Usagef("--min-cpu must not be negative")
	}
	b, err := newBuilder(c)
	if err != nil {
		return err
	}
	var s *eval.Scores
	if pred := c.String("pred"); pred != "" {
		if c.IsSet("dictionary") {
			return app.Usagef("--dictionary is for the built-in annotator; it does nothing with --pred")
		}
		s, err = eval.Dirs(c.String("gold"), pred, b, c.StringSlice("exclude")...)
	} else {
		var an *annotate.Annotator
		if an, err = newAnnotator(c); err != nil {
			return err
		}
		annotateGold := func(g *ingest.Article) (*ingest.Article, error) {
			return an.Article(g.Text, annotate.Meta{ID: g.ID, Title: g.Title, Source: g.Source, URL: g.URL, Published: g.Published, Path: g.Path})
		}
		s, err = eval.Annotated(c.String("gold"), annotateGold, b,
			eval.Options{Exclude: c.StringSlice("exclude"), MinCPU: c.Duration("min-cpu")})
	}
	if err != nil {
		return err
	}
	return s.Write(c.App.Writer)
}

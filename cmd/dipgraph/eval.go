package main

import (
	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/internal/eval"
)

func evalCommand() *cli.Command {
	return &cli.Command{
		Name:  "eval",
		Usage: "score predicted annotations against hand annotations",
		Description: `Compares the brat annotations under --pred with the hand annotations (the gold set)
under --gold, article by article (X.ann at the same relative path), and prints precision,
recall and F1 per type and overall for:

   entities (overlap)  same type, overlapping spans
   entities (exact)    same type, same spans
   resolution (keys)   the entities both resolve to (graph keys, as ingest would load them)
   relations           same relation type between the same resolved entities; an event
                       argument counts by the event's label (a Ceasefire)

Examples:
   dipgraph annotate --out /tmp/pred examples/gold
   dipgraph eval --gold examples/gold --pred /tmp/pred`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Usage: "folder of hand-annotated brat articles (`DIR`)", Required: true},
			&cli.StringFlag{Name: "pred", Usage: "folder of predicted .ann files (`DIR`) at the same relative paths", Required: true},
			&cli.StringFlag{Name: "gazetteer", Usage: "extra actors (JSON Lines) to resolve both sides with", EnvVars: []string{"DIPGRAPH_GAZETTEER"}},
		},
		Action: runEval,
	}
}

func runEval(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef("eval takes no arguments; give folders with --gold and --pred")
	}
	b, err := newBuilder(c)
	if err != nil {
		return err
	}
	s, err := eval.Dirs(c.String("gold"), c.String("pred"), b)
	if err != nil {
		return err
	}
	return s.Write(c.App.Writer)
}

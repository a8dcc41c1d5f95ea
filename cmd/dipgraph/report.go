package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/internal/render"
	"github.com/dipgraph/dipgraph/internal/report"
	"github.com/dipgraph/dipgraph/queries"
)

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:  "report",
		Usage: "write an actor's brief as one self-contained HTML page",
		Description: `Writes one HTML page (inline CSS and SVG; it needs no network to be viewed) about an
actor: its bloc and scores from the latest 'dipgraph analyze', its partners and
adversaries ranked by articles, a chart of its monthly Goldstein balance with its main
counterparts, the roles it holds or that are held at it, and the sentences that state
its relationships, with links to their articles. --from and --to keep the relationships
seen in the window, the months and the sentences of it. Run 'dipgraph analyze' first for
the bloc (the rest needs only the ingested articles).

Examples:
   dipgraph report --actor Russia --out russia.html
   dipgraph report --actor "John Kerry" --from 2016-01-01 --to 2016-12-31 --out kerry-2016.html`,
		Flags: append(app.ConnFlags(),
			&cli.StringFlag{Name: "actor", Usage: "name, alias or key of the actor (\"Russia\", \"Moscow\", \"wikidata:Q159\")", Required: true},
			&cli.StringFlag{Name: "out", Usage: "write the page to `FILE` (.html)", Required: true},
			&cli.StringFlag{Name: "from", Usage: "only what was seen on or after `DATE` (YYYY-MM-DD)"},
			&cli.StringFlag{Name: "to", Usage: "only what was seen on or before `DATE` (YYYY-MM-DD)"},
			&cli.IntFlag{Name: "counterparts", Usage: "main counterparts in the chart and the evidence", Value: 4},
			&cli.IntFlag{Name: "evidence", Usage: "quote at most `N` sentences", Value: 40},
			queriesDirFlag(),
		),
		Action: runReport,
	}
}

func runReport(c *cli.Context) error {
	if c.NArg() > 0 {
		return app.Usagef("report takes no arguments (did you mean --actor?)")
	}
	opt := report.Options{Actor: c.String("actor"), From: c.String("from"), To: c.String("to"),
		Counterparts: c.Int("counterparts"), Evidence: c.Int("evidence")}
	if err := checkWindow(opt.From, opt.To); err != nil {
		return err
	}
	if opt.Counterparts < 1 || opt.Evidence < 1 {
		return app.Usagef("--counterparts and --evidence must be at least 1")
	}
	out := c.String("out")
	set, err := queries.Load(c.String("queries-dir"))
	if err != nil {
		return err
	}
	st, err := app.OpenStore(c)
	if err != nil {
		return err
	}
	defer st.Close(c.Context)
	b, err := report.Build(c.Context, report.Source{DB: st, Queries: set}, opt)
	if errors.Is(err, report.ErrNoActor) {
		return err
	}
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := render.ToFile(c.Context, out, func(w io.Writer) error { return report.Write(w, b) }); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	bloc := "no bloc (run dipgraph analyze)"
	if b.Bloc != nil {
		bloc = fmt.Sprintf("bloc %d", b.Bloc.ID)
	}
	fmt.Fprintf(c.App.Writer, "report on %s (%s): %d partners, %d adversaries, %d months, %d sentences: %s\n",
		b.Actor, bloc, len(b.Partners), len(b.Adversaries), len(b.Months), len(b.Evidence), out)
	return nil
}

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/internal/phoenix"
	"github.com/dipgraph/dipgraph/internal/render"
)

// The converter is a command rather than only a go:generate step so that users can rebuild
// the actors from their own or a newer copy of the dictionaries with the released binary;
// graph/gazetteer.go has the go:generate line that runs it for the shipped data.
func gazetteerCommand() *cli.Command {
	return &cli.Command{
		Name:  "gazetteer",
		Usage: "look names up in the actor gazetteer, or rebuild its dictionary part",
		Subcommands: []*cli.Command{
			{
				Name:      "lookup",
				Usage:     "show what a name resolves to on a date, and why",
				ArgsUsage: "NAME",
				Description: `Shows every actor of the gazetteer that NAME can stand for, best first, with the entry,
the name or alias that matched, and the role the actor held on --date (the article's date):
when two actors share a name, the one of the asked --type wins, then one holding a role on
that date, then a hand-curated entry over a dictionary one. A title without a name ("the US
Secretary of State") shows who held the office on --date.

Examples:
   dipgraph gazetteer lookup "George Bush" --date 1991-03-01
   dipgraph gazetteer lookup "George Bush" --date 2003-03-20
   dipgraph gazetteer lookup "the US Secretary of Defense" --date 2005-06-01
   dipgraph gazetteer lookup Daesh --type ArmedGroup
   dipgraph gazetteer lookup "Brigade of the North" --gazetteer my-actors.jsonl`,
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "date", Usage: "the article's date (`YYYY[-MM[-DD]]`)"},
					&cli.StringFlag{Name: "type", Usage: "the mention's type (`TYPE`: Person, State, ArmedGroup, …); any by default"},
					&cli.StringFlag{Name: "gazetteer", Usage: "extra actors (JSON Lines) over the built-in ones", EnvVars: []string{"DIPGRAPH_GAZETTEER"}},
				},
				Action: runGazetteerLookup,
			},
			{
				Name:  "build",
				Usage: "convert the Phoenix actor dictionaries into the gazetteer's dictionary part",
				Description: `Reads the PETRARCH2/Phoenix actor dictionaries in --from (Phoenix.Countries.actors.txt,
Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt, with the agents, verb and
discard files and LICENSE beside them) and writes the actors as gzip'd JSON Lines to --out,
with the dictionaries' MIT notice in the file's header and in a .LICENSE file beside it.
Entries that name a hand-curated actor take its id (the hand-curated entry wins when both
are loaded); aliases that are ordinary words, bare surnames or too short are dropped. The
output depends only on the input: run it again and compare.

Examples:
   dipgraph gazetteer build --from ../shared/data/petrarch2
   dipgraph gazetteer build --from ~/petrarch2/data/dictionaries --out /tmp/actors.jsonl.gz`,
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "from", Usage: "folder of the dictionaries (`DIR`)", Required: true},
					&cli.StringFlag{Name: "out", Usage: "file to write (`FILE`, gzip'd JSON Lines)", Value: graph.PhoenixFile},
				},
				Action: runGazetteerBuild,
			},
		},
	}
}

func runGazetteerLookup(c *cli.Context) error {
	if c.NArg() != 1 {
		return app.Usagef("gazetteer lookup takes one NAME (quote a name of several words)")
	}
	date := c.String("date")
	if date != "" {
		d, err := ingest.ParseDate(date)
		if err != nil {
			return app.Usagef("--date: %v", err)
		}
		date = d
	}
	label := ""
	if t := c.String("type"); t != "" {
		l, err := graph.Label(t)
		if err != nil {
			return app.Usagef("--type: %v", err)
		}
		label = l
	}
	b, err := newBuilder(c)
	if err != nil {
		return err
	}
	return render.Lookup(c.App.Writer, b.Gazetteer, c.Args().First(), label, date)
}

func runGazetteerBuild(c *cli.Context) error {
	if c.NArg() > 0 {
		return app.Usagef("gazetteer build takes no arguments; give the dictionaries' folder with --from")
	}
	in, err := phoenix.ReadDir(c.String("from"))
	if err != nil {
		return fmt.Errorf("read the dictionaries: %w (--from must be a folder with %s)", err, strings.Join(phoenix.ActorFiles, ", "))
	}
	actors, st := phoenix.Convert(in, graph.HandGazetteer())
	var buf bytes.Buffer
	if err := phoenix.WriteGzip(&buf, actors, in); err != nil {
		return err
	}
	out := c.String("out")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write actors: %w", err)
	}
	lic := strings.TrimSuffix(strings.TrimSuffix(out, ".gz"), ".jsonl") + ".LICENSE"
	notice := "The actors in " + filepath.Base(out) + " are derived from the PETRARCH2/Phoenix actor\n" +
		"dictionaries (openeventdata/petrarch2, data/dictionaries), under this licence:\n\n" + in.License + "\n"
	if err := os.WriteFile(lic, []byte(notice), 0o644); err != nil {
		return fmt.Errorf("write licence notice: %w", err)
	}
	fmt.Fprintf(c.App.Writer, "%s: %s\n", out, st)
	return nil
}

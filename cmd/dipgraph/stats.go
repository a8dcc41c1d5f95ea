package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/internal/render"
)

func statsCommand() *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count what Neo4j holds: nodes per label, relationships per type, articles",
		Description: `Prints the number of articles loaded, the publication date of the newest one, the
number of nodes per label and of relationships per type.

Example:
   dipgraph stats`,
		Flags:  app.ConnFlags(),
		Action: runStats,
	}
}

func runStats(c *cli.Context) error {
	if c.NArg() > 0 {
		return app.Usagef("stats takes no arguments")
	}
	st, err := app.OpenStore(c)
	if err != nil {
		return err
	}
	defer st.Close(c.Context)
	s, err := st.Stats(c.Context)
	if err != nil {
		return fmt.Errorf("stats: %w", err)
	}
	return render.Stats(c.App.Writer, s)
}

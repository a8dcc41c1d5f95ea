package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
)

func retractCommand() *cli.Command {
	return &cli.Command{
		Name:      "retract",
		Usage:     "remove articles and everything only they supported from Neo4j",
		ArgsUsage: "ARTICLE-ID...",
		Description: `Removes each article's node, its mentions and its evidence on relationships in one
transaction. Relationships and entities no other article supports are deleted; shared
ones stay, with their counts, dates and aliases recomputed from the articles that remain.
An id that is not loaded is reported and changes nothing.

Example:
   dipgraph retract syria-cooperation-2016`,
		Flags:  app.ConnFlags(),
		Action: runRetract,
	}
}

func runRetract(c *cli.Context) error {
	if c.NArg() == 0 {
		return app.Usagef("retract needs at least one ARTICLE-ID")
	}
	st, err := app.OpenStore(c)
	if err != nil {
		return err
	}
	defer st.Close(c.Context)
	var ids []string
	seen := map[string]bool{}
	for _, id := range c.Args().Slice() {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	cnt, found, err := st.Retract(c.Context, ids)
	if err != nil {
		return fmt.Errorf("retract: %w", err)
	}
	fmt.Fprintf(c.App.Writer, "retracted %d of %d articles; nodes -%d, relationships -%d\n",
		found, len(ids), cnt.NodesDeleted, cnt.RelationshipsDeleted)
	if found < len(ids) {
		fmt.Fprintf(c.App.ErrWriter, "dipgraph: %d of the ids were not loaded\n", len(ids)-found)
		return app.Failed
	}
	return nil
}

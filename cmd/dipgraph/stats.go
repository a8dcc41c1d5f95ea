package main

import (
	"fmt"
	"sort"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
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
	w := c.App.Writer
	newest := s.NewestArticle
	if newest == "" {
		newest = "none"
	}
	fmt.Fprintf(w, "articles loaded: %d\nnewest article: %s\n", s.Articles, newest)
	fmt.Fprintln(w, "nodes per label:")
	for _, k := range sortedKeys(s.Labels) {
		fmt.Fprintf(w, "  %-24s %d\n", k, s.Labels[k])
	}
	fmt.Fprintln(w, "relationships per type:")
	for _, k := range sortedKeys(s.RelTypes) {
		fmt.Fprintf(w, "  %-24s %d\n", k, s.RelTypes[k])
	}
	return nil
}

func sortedKeys(m map[string]int64) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

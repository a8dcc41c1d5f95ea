package render

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/dipgraph/dipgraph/internal/neo4jstore"
)

// Stats writes the database's counts: articles, the newest publication date, then nodes
// per label and relationships per type, by name.
func Stats(w io.Writer, s neo4jstore.Stats) error {
	newest := s.NewestArticle
	if newest == "" {
		newest = "none"
	}
	fmt.Fprintf(w, "articles loaded: %d\nnewest article: %s\n", s.Articles, newest)
	for _, part := range []struct {
		title  string
		counts map[string]int64
	}{{"nodes per label", s.Labels}, {"relationships per type", s.RelTypes}} {
		fmt.Fprintf(w, "%s:\n", part.title)
		for _, k := range slices.Sorted(maps.Keys(part.counts)) {
			if _, err := fmt.Fprintf(w, "  %-24s %d\n", k, part.counts[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

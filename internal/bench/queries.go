package bench

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/queries"
)

var exampleParam = regexp.MustCompile(`--param\s+([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|(\S+))`)

// paramSets returns realistic parameters for a query: those of its documented examples,
// then the same with each string parameter that names an actor set to one of the corpus's
// most mentioned actors.
func paramSets(q *queries.Query, head []string) [][]string {
	var sets [][]string
	for _, ex := range q.Examples {
		var set []string
		for _, m := range exampleParam.FindAllStringSubmatch(ex, -1) {
			v := m[3]
			if m[4] != "" {
				v = m[4]
			}
			set = append(set, m[1]+"="+v)
		}
		sets = append(sets, set)
	}
	if len(sets) == 0 {
		sets = append(sets, nil) // the declared defaults
	}
	for _, p := range q.Params {
		if p.Type != "string" || !strings.Contains(strings.ToLower(p.Name+" "+p.Meaning), "actor") {
			continue
		}
		for _, h := range head {
			// The first example with this one actor replaced, so that queries about two
			// actors keep the other.
			set := []string{p.Name + "=" + h}
			for _, kv := range sets[0] {
				if !strings.HasPrefix(kv, p.Name+"=") {
					set = append(set, kv)
				}
			}
			sets = append(sets, set)
		}
	}
	return sets
}

// headActors returns the names of the n most mentioned actors of the corpus (events and
// places excluded).
func headActors(parts []*graph.ArticleGraph, n int) []string {
	counts := map[string]int{}
	names := map[string]string{}
	for _, p := range parts {
		byKey := map[string]graph.Node{}
		for _, nd := range p.Nodes {
			byKey[nd.Key] = nd
		}
		for _, m := range p.Mentions {
			nd := byKey[m.Key]
			if nd.Event || nd.Label == "Location" {
				continue
			}
			counts[m.Key] += m.Count
			if names[m.Key] == "" {
				names[m.Key] = nd.Name
			}
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var out []string
	for _, k := range keys[:min(n, len(keys))] {
		out = append(out, names[k])
	}
	return out
}

// runQueries times every saved query on the loaded graph: one warm-up run per parameter
// set, then QueryRuns runs cycling through the sets.
func (r *runner) runQueries(ctx context.Context) error {
	set, err := queries.Builtin()
	if err != nil {
		return err
	}
	head := headActors(r.parts, 3)
	for _, q := range set.All() {
		sets := paramSets(q, head)
		var bound []map[string]any
		var shown []string
		for _, s := range sets {
			p, err := q.BindParams(s)
			if err != nil {
				return fmt.Errorf("query %s: %w", q.Name, err)
			}
			bound = append(bound, p)
			shown = append(shown, strings.Join(s, " "))
		}
		qt := &QueryTiming{Name: q.Name, Params: shown, Runs: r.cfg.QueryRuns}
		for i, p := range bound {
			rows, err := r.store.Read(ctx, q.Body, p)
			if err != nil {
				return fmt.Errorf("query %s: %w", q.Name, err)
			}
			if i == 0 {
				qt.Rows = len(rows)
			}
		}
		var ms []float64
		for i := 0; i < r.cfg.QueryRuns; i++ {
			start := time.Now()
			if _, err := r.store.Read(ctx, q.Body, bound[i%len(bound)]); err != nil {
				return fmt.Errorf("query %s: %w", q.Name, err)
			}
			ms = append(ms, float64(time.Since(start).Microseconds())/1000)
		}
		sort.Float64s(ms)
		qt.P50, qt.P95, qt.Max = percentile(ms, 0.50), percentile(ms, 0.95), ms[len(ms)-1]
		r.rep.Queries = append(r.rep.Queries, qt)
	}
	return nil
}

// percentile returns the nearest-rank percentile of sorted values.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.999999) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(sorted) {
		i = len(sorted) - 1
	}
	return sorted[i]
}

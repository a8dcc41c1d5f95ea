package bench

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// finish computes the ratios to (c) and checks the targets.
func (r *runner) finish() {
	c := r.variant("c")
	if c != nil && c.ArticlesPerSec > 0 {
		for _, v := range r.rep.Variants {
			if v.ID != "parse" {
				v.SpeedVsC = v.ArticlesPerSec / c.ArticlesPerSec
			}
		}
	}
	var ts []Target
	if a := r.variant("a"); a != nil && c != nil {
		x := c.ArticlesPerSec / a.ArticlesPerSec
		ts = append(ts, Target{Goal: "(c) at least 50× faster than (a)", Measured: fmt.Sprintf("%.1f×", x), Met: x >= 50, Known: true})
	}
	if f := r.variant("f"); f != nil && c != nil {
		x := c.ArticlesPerSec / f.ArticlesPerSec
		ts = append(ts, Target{Goal: "(c) at least 1.0× the speed of (f)", Measured: fmt.Sprintf("%.2f×", x), Met: x >= 1.0, Known: true})
	}
	if g := r.variant("g"); g != nil && c != nil {
		x := c.ArticlesPerSec / g.ArticlesPerSec
		ts = append(ts, Target{Goal: "(c) at least 2× the speed of the Python peer (g)", Measured: fmt.Sprintf("%.2f×", x), Met: x >= 2, Known: true})
	}
	if h, i := r.variant("h"), r.variant("i"); h != nil && i != nil {
		x := h.ArticlesPerSec / i.ArticlesPerSec
		ts = append(ts, Target{Goal: "(h) new articles into the graph at least 0.8× the incremental rate on an empty database (i)",
			Measured: fmt.Sprintf("%.2f× (%.0f against %.0f articles/s)", x, h.ArticlesPerSec, i.ArticlesPerSec), Met: x >= 0.8, Known: true})
	}
	if e := r.variant("e"); e != nil && c != nil {
		x := e.Wall.Seconds() / c.Wall.Seconds()
		ts = append(ts, Target{Goal: "(e) under 5% of the time of (c)", Measured: fmt.Sprintf("%.1f%%", 100*x), Met: x < 0.05, Known: true})
	}
	if len(r.rep.Queries) > 0 {
		worst := r.rep.Queries[0]
		for _, q := range r.rep.Queries {
			if q.P95 > worst.P95 {
				worst = q
			}
		}
		// The targets: 100 ms on the 10,000-article graph, 300 ms from 100,000 on.
		limit := 100.0
		if r.rep.Corpus.Articles >= 100000 {
			limit = 300
		}
		ts = append(ts, Target{Goal: fmt.Sprintf("every saved query p95 under %.0f ms (%d-article graph)", limit, r.rep.Corpus.Articles),
			Measured: fmt.Sprintf("worst: %s p95 %.1f ms", worst.Name, worst.P95), Met: worst.P95 < limit, Known: true})
	}
	if c != nil && c.PeakRSS > 0 {
		goal, limit := "peak memory of (c) under 300 MB at 100k articles", 300e6
		if r.rep.Corpus.Articles >= 1000000 {
			goal, limit = "peak memory of (c) under 1 GB at 1M articles", 1e9
		}
		ts = append(ts, Target{Goal: goal,
			Measured: fmt.Sprintf("%.0f MB at %d articles", float64(c.PeakRSS)/1e6, r.rep.Corpus.Articles),
			Met:      c.PeakRSS < int64(limit), Known: r.rep.Corpus.Articles >= 100000})
	}
	r.rep.Targets = ts
}

// Markdown writes the report as Markdown tables.
func (rep *Report) Markdown(w io.Writer) {
	fmt.Fprintf(w, "Corpus: %d articles (%.1f MB) in %s; graph loaded by dipgraph: %d nodes, %d relationships.\n",
		rep.Corpus.Articles, float64(rep.Corpus.Bytes)/1e6, rep.Corpus.Dir, rep.Graph.Nodes, rep.Graph.Rels)
	fmt.Fprintf(w, "Machine: %d CPUs, %s RAM; %s; %s. Run started %s, took %s.\n\n",
		rep.Machine.CPUs, rep.Machine.MemTotal, rep.Machine.Neo4j, rep.Machine.Go, rep.Started.Format(time.RFC3339), rep.Elapsed.Round(time.Second))
	fmt.Fprintln(w, "| variant | wall (corpus) | articles/s | nodes/s | rels/s | speed vs (c) | peak RSS | retries / deadlocks | notes |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, v := range rep.Variants {
		wall := v.Wall.Round(time.Millisecond).String()
		if v.Scaled {
			wall += " (scaled)"
		}
		speed := "—"
		if v.SpeedVsC > 0 {
			speed = fmt.Sprintf("%.3g×", v.SpeedVsC)
		}
		rss := "—"
		if v.PeakRSS > 0 {
			rss = fmt.Sprintf("%.0f MB", float64(v.PeakRSS)/1e6)
		}
		var parts []string
		if v.Check != "" {
			parts = append(parts, v.Check)
		}
		if v.MBPerSec > 0 {
			parts = append(parts, fmt.Sprintf("%.1f MB/s", v.MBPerSec))
		}
		if v.Note != "" {
			parts = append(parts, v.Note)
		}
		if v.RSSOf != "" && v.PeakRSS > 0 {
			parts = append(parts, "RSS of "+v.RSSOf)
		}
		notes := strings.Join(parts, "; ")
		fmt.Fprintf(w, "| (%s) %s | %s | %.1f | %.0f | %.0f | %s | %s | %d / %d | %s |\n",
			v.ID, v.Name, wall, v.ArticlesPerSec, v.NodesPerSec, v.RelsPerSec, speed, rss, v.Retries, v.Deadlocks,
			strings.ReplaceAll(notes, "|", "\\|"))
	}
	if len(rep.Queries) > 0 {
		fmt.Fprintln(w, "\n| saved query | parameters | runs | rows | p50 | p95 | max |")
		fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|")
		for _, q := range rep.Queries {
			fmt.Fprintf(w, "| %s | %s | %d | %d | %.1f ms | %.1f ms | %.1f ms |\n", q.Name,
				strings.ReplaceAll(strings.Join(q.Params, "; "), "|", "\\|"), q.Runs, q.Rows, q.P50, q.P95, q.Max)
		}
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "\nSkipped: %s.\n", s)
	}
	if len(rep.Targets) > 0 {
		fmt.Fprintln(w, "\n| target | measured | met |")
		fmt.Fprintln(w, "|---|---|---|")
		for _, t := range rep.Targets {
			met := "no"
			switch {
			case !t.Known:
				met = "not measured at that size"
			case t.Met:
				met = "yes"
			}
			fmt.Fprintf(w, "| %s | %s | %s |\n", t.Goal, t.Measured, met)
		}
	}
}

package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/export"
	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/schema"
)

// runG runs the peer a user would write instead of dipgraph: a short Python script with
// the official neo4j driver (scripts/peer-load.py) that loads the graph of
// `dipgraph export --format json` with UNWIND batches, MERGE for nodes and CREATE for
// relationships. It gets the graph parsed, resolved and merged; the export is not timed.
func (r *runner) runG(ctx context.Context) error {
	if r.cfg.Python == "" || r.cfg.PeerScript == "" {
		r.log.Warn("skipping (g): no Python with the neo4j driver (make bench makes one in .bench-venv; --python sets it)")
		r.rep.Skipped = append(r.rep.Skipped, "(g) the Python driver peer: no Python with the neo4j driver (`make bench` makes one in .bench-venv when python3 is installed)")
		return nil
	}
	if err := r.fresh(ctx); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "dipgraph-bench-peer")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "graph.json")
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = export.WriteJSON(f, schema.Build(r.parts))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write the JSON export: %w", err)
	}
	args := []string{r.cfg.PeerScript, path, "--batch-size", "1000"}
	cmd := exec.CommandContext(ctx, r.cfg.Python, args...)
	cmd.Env = append(os.Environ(), "NEO4J_URI="+r.cfg.Conn.URI, "NEO4J_USERNAME="+r.cfg.Conn.Username,
		"NEO4J_PASSWORD="+r.cfg.Conn.Password, "NEO4J_DATABASE="+r.cfg.Conn.Database)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	d := time.Since(start)
	if err != nil {
		return fmt.Errorf("%s %s: %w\n%s", r.cfg.Python, strings.Join(args, " "), err, tail(stderr.String(), 2000))
	}
	var out struct {
		Seconds       float64 `json:"seconds"`
		Nodes         int64   `json:"nodes"`
		Relationships int64   `json:"relationships"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(stdout.Bytes()), &out); err != nil {
		return fmt.Errorf("peer output %q: %w", stdout.String(), err)
	}
	v := &Variant{ID: "g", Name: "peer: Python, official neo4j driver, UNWIND batches of 1000", Articles: r.rep.Corpus.Articles,
		Measured: d, Wall: d, Nodes: out.Nodes, Rels: out.Relationships,
		Note: fmt.Sprintf("scripts/peer-load.py on the JSON export (merged in advance, not timed); wall of the script (reading the JSON included), %.1f s of it writing; MERGE nodes, CREATE relationships", out.Seconds)}
	r.rates(v)
	r.rep.Variants = append(r.rep.Variants, v)
	return nil
}

// runI is dipgraph's incremental path on the empty database, the rate (h) is held to.
func (r *runner) runI(ctx context.Context) error {
	return r.ingestVariant(ctx, "i", "dipgraph ingest --no-bulk (incremental into an empty database)", r.cfg.BatchSize, []string{"--no-bulk"})
}

// runH loads all but the last 1,000 articles (bulk, untimed), then times dipgraph's
// incremental path on the last 1,000, in this process: the rate of new articles
// arriving into a large graph.
func (r *runner) runH(ctx context.Context) error {
	n := min(1000, len(r.srcs)/2)
	if n == 0 {
		return nil
	}
	if err := r.fresh(ctx); err != nil {
		return err
	}
	b := graph.NewBuilder(graph.BuiltinGazetteer())
	if _, err := load.Run(ctx, r.srcs[:len(r.srcs)-n], r.store, load.Options{Bulk: true, Builder: b}); err != nil {
		return fmt.Errorf("load the graph the new articles arrive into: %w", err)
	}
	start := time.Now()
	sum, err := load.Run(ctx, r.srcs[len(r.srcs)-n:], r.store, load.Options{BatchSize: r.cfg.BatchSize, Builder: b})
	d := time.Since(start)
	if err != nil {
		return err
	}
	v := &Variant{ID: "h", Name: fmt.Sprintf("dipgraph ingest of %d new articles into the graph of the other %d", n, len(r.srcs)-n),
		Articles: n, Scaled: true, Measured: d, Wall: time.Duration(float64(d) * float64(r.rep.Corpus.Articles) / float64(n)),
		Nodes: int64(sum.Counters.NodesCreated), Rels: int64(sum.Counters.RelationshipsCreated), RSSOf: "benchmark process",
		Note: fmt.Sprintf("%d articles in %s, incremental (the graph holds the others, loaded untimed); scaled to the corpus", n, d.Round(time.Millisecond))}
	if sum.New != n {
		v.Check = fmt.Sprintf("FAILED: %d of %d articles new", sum.New, n)
	}
	r.rates(v)
	r.rep.Variants = append(r.rep.Variants, v)
	return nil
}

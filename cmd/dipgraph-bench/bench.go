package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dipgraph/dipgraph/cmd/internal/app"
	"github.com/dipgraph/dipgraph/internal/bench"
	"github.com/dipgraph/dipgraph/internal/load"
)

// runBench runs the benchmark, prints its table and writes its JSON report.
func runBench(c *cli.Context) error {
	if c.Int("articles") < 1 {
		return app.Usagef("--articles must be at least 1")
	}
	cfg, err := benchConfig(c)
	if err != nil {
		return err
	}
	rep, err := bench.Run(c.Context, cfg)
	if rep != nil && (len(rep.Variants) > 0 || err == nil) {
		rep.Markdown(c.App.Writer)
		if f := c.String("json"); f != "" {
			if werr := writeJSON(f, rep); werr != nil {
				err = errors.Join(err, werr)
			}
		}
	}
	return err
}

// benchCommand runs the loader benchmark (package internal/bench).
func benchCommand() *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "measure dipgraph's loader beside a naive loader and Neo4j's LOAD CSV, in one run",
		Description: `Generates a corpus (or uses --corpus), then on the configured Neo4j, each on a freshly
cleared database with the constraints in place:
  (a) naive: one transaction per statement, on a sample scaled to the corpus
  (b) one transaction per article
  (c) dipgraph ingest as shipped, as a child process (its peak memory is its own): into
      the empty database it takes the bulk path
  (d) dipgraph ingest with its concurrency option and a larger batch (--d-flags, --d-batch-size),
      incremental (--no-bulk)
  (e) dipgraph ingest again on the unchanged corpus: checks that it writes nothing
  (f) the ceiling: the same graph as CSV files loaded with LOAD CSV + CALL { } IN TRANSACTIONS
  (g) the peer: scripts/peer-load.py, the official Python driver loading the JSON export
      with UNWIND batches (--python: an interpreter with the neo4j package; skipped without)
  (h) dipgraph's incremental path on the last 1,000 articles, into the graph of the others
  (i) dipgraph ingest --no-bulk: the incremental path into the empty database
and parse + resolve alone, and the p50/p95 latency of every saved query on (c)'s graph.
Before the timed variants, one untimed load of the corpus warms the server up (its JIT),
so that the first variant does not pay for a cold server (--no-warm-up skips it).
Prints a Markdown table and writes the JSON report. THE DATABASE IS CLEARED: point it at
a database you can lose.

Examples:
   dipgraph-bench bench
   dipgraph-bench bench --articles 100000 --variants c       # peak memory at 100k articles
   dipgraph-bench bench --articles 20 --naive-sample 20 --json /tmp/b.json
   dipgraph-bench bench --corpus /tmp/c --variants queries --reuse-graph   # re-time the saved queries only`,
		Flags: append(app.ConnFlags(),
			&cli.IntFlag{Name: "articles", Usage: "articles in the generated corpus", Value: 10000},
			&cli.Uint64Flag{Name: "seed", Usage: "corpus seed", Value: 1},
			&cli.StringFlag{Name: "corpus", Usage: "corpus `DIR` (generated there when it holds no articles; default: a folder in the temp dir named after --articles and --seed)"},
			&cli.StringSliceFlag{Name: "variants", Usage: "run only these (a, b, c, d, e, f, g, h, i, parse, queries)"},
			&cli.IntFlag{Name: "naive-sample", Usage: "articles written by (a), scaled to the corpus", Value: 200},
			&cli.IntFlag{Name: "per-article-sample", Usage: "articles written by (b), scaled to the corpus (0: all)", Value: 1000},
			&cli.IntFlag{Name: "batch-size", Usage: "dipgraph batch size for (c) and (e)", Value: load.DefaultBatchSize},
			&cli.IntFlag{Name: "d-batch-size", Usage: "dipgraph batch size for (d)", Value: 1000},
			&cli.StringFlag{Name: "d-flags", Usage: "extra ingest flags for (d)", Value: "--workers 2 --no-bulk"},
			&cli.IntFlag{Name: "query-runs", Usage: "timed runs of each saved query", Value: 20},
			&cli.BoolFlag{Name: "reuse-graph", Usage: "with --variants queries alone: time the queries on the graph already in the database (loaded from the same --corpus) instead of clearing and loading it"},
			&cli.BoolFlag{Name: "no-warm-up", Usage: "skip the untimed load of the corpus that warms the server up before the timed variants"},
			&cli.StringFlag{Name: "import-dir", Usage: "the server's import folder for (f) (server.directories.import)", EnvVars: []string{"NEO4J_IMPORT_DIR"}},
			&cli.StringFlag{Name: "json", Usage: "write the report as JSON to `FILE`", Value: filepath.Join("bench-out", "bench.json")},
			&cli.StringFlag{Name: "python", Usage: "Python `INTERPRETER` with the neo4j driver for (g) (make bench makes .bench-venv); empty skips (g)", EnvVars: []string{"DIPGRAPH_BENCH_PYTHON"}},
			&cli.StringFlag{Name: "peer-script", Usage: "the (g) loader `SCRIPT`", Value: filepath.Join("scripts", "peer-load.py")},
			&cli.StringFlag{Name: "dipgraph", Usage: "the dipgraph `EXECUTABLE` run for (c), (d) and (e) (default: the dipgraph beside this command, else the one on PATH)", EnvVars: []string{"DIPGRAPH_BIN"}},
			&cli.BoolFlag{Name: "in-process", Usage: "run dipgraph's ingests in this process instead of a child process"},
		),
		Action: runBench,
	}
}

// benchConfig is the benchmark's configuration from the flags of c.
func benchConfig(c *cli.Context) (bench.Config, error) {
	conn, err := app.Conn(c)
	if err != nil {
		return bench.Config{}, err
	}
	cfg := bench.Config{
		Conn:             bench.ConnConfig{URI: conn.URI, Username: conn.Username, Password: conn.Password, Database: conn.Database},
		Corpus:           c.String("corpus"),
		Articles:         c.Int("articles"),
		Seed:             c.Uint64("seed"),
		Variants:         c.StringSlice("variants"),
		NaiveSample:      c.Int("naive-sample"),
		PerArticleSample: c.Int("per-article-sample"),
		BatchSize:        c.Int("batch-size"),
		DBatchSize:       c.Int("d-batch-size"),
		DFlags:           strings.Fields(c.String("d-flags")),
		QueryRuns:        c.Int("query-runs"),
		ReuseGraph:       c.Bool("reuse-graph"),
		NoWarmUp:         c.Bool("no-warm-up"),
		ImportDir:        c.String("import-dir"),
		Python:           c.String("python"),
		PeerScript:       c.String("peer-script"),
		Log:              app.Logger(c),
	}
	if !c.Bool("in-process") {
		if cfg.Binary, err = dipgraphBinary(c.String("dipgraph")); err != nil {
			return bench.Config{}, err
		}
	}
	return cfg, nil
}

// dipgraphBinary is the dipgraph executable the benchmark runs: flag when it is given,
// otherwise the dipgraph beside this command (make builds both into bin/), otherwise the
// one on PATH.
func dipgraphBinary(flag string) (string, error) {
	if flag != "" {
		return exec.LookPath(flag)
	}
	if exe, err := os.Executable(); err == nil {
		beside := filepath.Join(filepath.Dir(exe), "dipgraph")
		if fi, err := os.Stat(beside); err == nil && !fi.IsDir() {
			return beside, nil
		}
	}
	if p, err := exec.LookPath("dipgraph"); err == nil {
		return p, nil
	}
	return "", errors.New("no dipgraph executable beside dipgraph-bench or on PATH: run `make build`, or give --dipgraph FILE (or --in-process)")
}

func writeJSON(path string, v any) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/ingest"
	"github.com/dipgraph/dipgraph/ingest/readers"
	"github.com/dipgraph/dipgraph/internal/generate"
	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/neo4jstore"
)

// ConnConfig says how to reach Neo4j.
type ConnConfig struct {
	URI, Username, Password, Database string
}

// Config is one benchmark run.
type Config struct {
	Conn ConnConfig
	// Corpus is the folder of the articles. When it holds none, a corpus of Articles
	// articles with Seed is generated there first.
	Corpus   string
	Articles int
	Seed     uint64
	// Variants limits the run to these ids (a b c d e f g h i parse queries); empty runs all.
	Variants []string
	// NaiveSample is how many articles (a) writes before its time is scaled to the corpus
	// (default 200); PerArticleSample the same for (b) (default: the whole corpus).
	NaiveSample, PerArticleSample int
	// BatchSize is dipgraph's batch size for (c) and (e) (default: the ingest default, load.DefaultBatchSize).
	BatchSize int
	// DBatchSize and DFlags configure (d): the batch size, and extra ingest flags such as a
	// concurrency option; DLabel describes it in the report.
	DBatchSize int
	DFlags     []string
	DLabel     string
	// Binary is the dipgraph executable run as a child process for (c), (d) and (e), so
	// their peak memory is their own. Empty runs them in this process.
	Binary string
	// ImportDir is the server's import folder (server.directories.import); (f) writes its
	// CSV files in a sub folder there. Empty skips (f).
	ImportDir string
	// QueryRuns is how many times each saved query runs after warm-up (default 20).
	QueryRuns int
	// ReuseGraph makes the queries variant, run without (c), measure the graph already in
	// the database instead of loading (c)'s first: re-measuring after a query change then
	// takes seconds, not a load. The database must hold the same corpus.
	ReuseGraph bool
	// NoWarmUp skips the untimed warm-up load (see Run).
	NoWarmUp bool
	// Python is an interpreter with the neo4j driver installed, and PeerScript the
	// script (scripts/peer-load.py) it runs for (g); without them (g) is skipped.
	Python, PeerScript string
	Log                *slog.Logger
}

// Variant is the measurement of one way of loading the corpus.
type Variant struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Note string `json:"note,omitempty"`
	// Articles is how many articles were measured; when fewer than the corpus, the figures
	// are scaled to the corpus and Scaled is set.
	Articles int           `json:"articles_measured"`
	Scaled   bool          `json:"scaled"`
	Measured time.Duration `json:"measured_ns"`
	// Wall is the time for the whole corpus: measured, or scaled from the sample.
	Wall           time.Duration `json:"wall_ns"`
	Nodes          int64         `json:"nodes_created"`
	Rels           int64         `json:"relationships_created"`
	ArticlesPerSec float64       `json:"articles_per_s"`
	NodesPerSec    float64       `json:"nodes_per_s"`
	RelsPerSec     float64       `json:"relationships_per_s"`
	MBPerSec       float64       `json:"mb_per_s,omitempty"`
	SpeedVsC       float64       `json:"speed_vs_c"`
	PeakRSS        int64         `json:"peak_rss_bytes"`
	RSSOf          string        `json:"peak_rss_of,omitempty"`
	Retries        int64         `json:"retries"`
	Deadlocks      int64         `json:"deadlocks"`
	Check          string        `json:"check,omitempty"`
}

// QueryTiming is the latency of one saved query.
type QueryTiming struct {
	Name   string   `json:"name"`
	Params []string `json:"params"`
	Runs   int      `json:"runs"`
	Rows   int      `json:"rows_first_params"`
	P50    float64  `json:"p50_ms"`
	P95    float64  `json:"p95_ms"`
	Max    float64  `json:"max_ms"`
}

// Report is the result of a run.
type Report struct {
	Started  time.Time      `json:"started"`
	Machine  Machine        `json:"machine"`
	Corpus   CorpusInfo     `json:"corpus"`
	Graph    GraphInfo      `json:"graph"`
	Variants []*Variant     `json:"variants"`
	Queries  []*QueryTiming `json:"queries"`
	Targets  []Target       `json:"targets"`
	// Skipped lists the variants that could not run here, and why.
	Skipped []string      `json:"skipped,omitempty"`
	Elapsed time.Duration `json:"elapsed_ns"`
}

// Machine describes where the run happened.
type Machine struct {
	CPUs     int    `json:"cpus"`
	MemTotal string `json:"mem_total"`
	Go       string `json:"go"`
	Neo4j    string `json:"neo4j"`
}

// CorpusInfo describes the corpus.
type CorpusInfo struct {
	Dir      string `json:"dir"`
	Articles int    `json:"articles"`
	Seed     uint64 `json:"seed,omitempty"`
	Bytes    int64  `json:"bytes"`
}

// GraphInfo is the size of the graph dipgraph loads from the corpus.
type GraphInfo struct {
	Nodes int64 `json:"nodes"`
	Rels  int64 `json:"relationships"`
}

// Target is one of the targets and whether the run met it.
type Target struct {
	Goal     string `json:"goal"`
	Measured string `json:"measured"`
	Met      bool   `json:"met"`
	Known    bool   `json:"known"`
}

// connectTimeout bounds the wait for the server: generous, since a benchmark runs on a
// server busy with the previous variant (a shared machine took 20 s to answer).
const connectTimeout = 2 * time.Minute

// ErrCheck is returned when a variant's correctness check fails (a re-ingest that wrote).
var ErrCheck = errors.New("benchmark check failed")

type runner struct {
	cfg   Config
	log   *slog.Logger
	srcs  []ingest.Source
	parts []*graph.ArticleGraph
	store *neo4jstore.Store
	conn  *conn
	rep   *Report
}

func (cfg *Config) defaults() {
	if cfg.Articles <= 0 {
		cfg.Articles = 10000
	}
	if cfg.NaiveSample <= 0 {
		cfg.NaiveSample = 200
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = load.DefaultBatchSize
	}
	if cfg.DBatchSize <= 0 {
		cfg.DBatchSize = 1000
	}
	if cfg.DLabel == "" {
		cfg.DLabel = strings.TrimSpace("dipgraph ingest --batch-size " + strconv.Itoa(cfg.DBatchSize) + " " + strings.Join(cfg.DFlags, " "))
	}
	if cfg.QueryRuns <= 0 {
		cfg.QueryRuns = 20
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
}

func (cfg *Config) wants(id string) bool {
	return len(cfg.Variants) == 0 || slices.Contains(cfg.Variants, id)
}

// Run runs the benchmark. The report holds what was measured even when an error stops
// the run part way.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	cfg.defaults()
	start := time.Now()
	r := &runner{cfg: cfg, log: cfg.Log, rep: &Report{Started: start.UTC(), Machine: machine()}}
	defer func() { r.rep.Elapsed = time.Since(start) }()
	if err := r.prepareCorpus(ctx); err != nil {
		return r.rep, err
	}
	if cfg.wants("parse") || cfg.wants("a") || cfg.wants("b") || cfg.wants("f") || cfg.wants("g") || cfg.wants("queries") {
		// The reference loaders and the query parameters need the article graphs in memory.
		if err := r.parse(); err != nil {
			return r.rep, err
		}
	}
	needDB := false
	for _, id := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "queries"} {
		needDB = needDB || cfg.wants(id)
	}
	if !needDB {
		return r.rep, nil
	}
	var err error
	r.store, err = neo4jstore.Open(ctx, neo4jstore.Config{URI: cfg.Conn.URI, Username: cfg.Conn.Username, Password: cfg.Conn.Password, Database: cfg.Conn.Database, ConnectTimeout: connectTimeout})
	if err != nil {
		return r.rep, err
	}
	defer r.store.Close(ctx)
	r.conn, err = dial(ctx, cfg.Conn)
	if err != nil {
		return r.rep, err
	}
	defer r.conn.close(ctx)
	r.rep.Machine.Neo4j = r.neo4jVersion(ctx)

	steps := []struct {
		id string
		fn func(context.Context) error
	}{
		{"c", r.runC}, {"e", r.runE}, {"queries", r.runQueries}, {"i", r.runI}, {"h", r.runH}, {"d", r.runD},
		{"b", r.runB}, {"a", r.runA}, {"g", r.runG}, {"f", r.runF},
	}
	// A server just started runs its first load interpreted, before the JIT compiles its hot
	// paths: whichever variant came first would pay for it (2× on (c) in our runs). One
	// untimed load of the corpus, then a cleared database, puts every variant on a warm server.
	if !cfg.NoWarmUp && (cfg.wants("c") || cfg.wants("d") || cfg.wants("e")) {
		r.log.Info("warming the server up: one untimed load of the corpus")
		if err := r.fresh(ctx); err != nil {
			return r.rep, err
		}
		// The incremental path: its statements are the ones the JIT matters most for.
		if _, err := r.ingest(ctx, r.cfg.BatchSize, []string{"--no-bulk"}); err != nil {
			return r.rep, fmt.Errorf("warm-up: %w", err)
		}
	}
	var errs []error
	for _, s := range steps {
		if !cfg.wants(s.id) {
			continue
		}
		if (s.id == "e" || (s.id == "queries" && !cfg.ReuseGraph)) && !cfg.wants("c") {
			// They need the graph (c) loads.
			if err := r.runC(ctx); err != nil {
				return r.rep, err
			}
		}
		r.log.Info("running", "variant", s.id)
		if err := s.fn(ctx); err != nil {
			if errors.Is(err, ErrCheck) {
				errs = append(errs, err)
				continue
			}
			return r.rep, fmt.Errorf("variant %s: %w", s.id, err)
		}
	}
	r.finish()
	return r.rep, errors.Join(errs...)
}

// prepareCorpus generates the corpus unless the folder already holds articles.
func (r *runner) prepareCorpus(ctx context.Context) error {
	dir := r.cfg.Corpus
	if dir == "" {
		dir = filepath.Join(os.TempDir(), fmt.Sprintf("dipgraph-bench-%d-%d", r.cfg.Articles, r.cfg.Seed))
	}
	r.rep.Corpus = CorpusInfo{Dir: dir}
	srcs, _, err := ingest.Discover([]string{dir}, ingest.Options{Readers: readers.All()})
	if err != nil || len(srcs) == 0 {
		r.log.Info("generating corpus", "dir", dir, "articles", r.cfg.Articles, "seed", r.cfg.Seed)
		st, gerr := generate.Write(ctx, dir, generate.Options{Articles: r.cfg.Articles, Seed: r.cfg.Seed})
		if gerr != nil {
			return gerr
		}
		r.log.Info("corpus generated", "summary", st.String())
		srcs, _, err = ingest.Discover([]string{dir}, ingest.Options{Readers: readers.All()})
		r.rep.Corpus.Seed = r.cfg.Seed
	} else if len(srcs) == r.cfg.Articles {
		r.rep.Corpus.Seed = r.cfg.Seed
	}
	if err != nil {
		return fmt.Errorf("corpus %s: %w", dir, err)
	}
	r.srcs = srcs
	r.rep.Corpus.Articles = len(srcs)
	for _, s := range srcs {
		for _, p := range s.Files {
			if fi, err := os.Stat(p); err == nil && p != "" {
				r.rep.Corpus.Bytes += fi.Size()
			}
		}
	}
	r.cfg.Corpus = dir
	return nil
}

// parse measures reading, validation and resolution alone, and keeps the article graphs
// for the reference loaders.
func (r *runner) parse() error {
	b := graph.NewBuilder(graph.BuiltinGazetteer())
	bytes := r.rep.Corpus.Bytes
	runtime.GC()
	resetPeakRSS()
	start := time.Now()
	parts := make([]*graph.ArticleGraph, 0, len(r.srcs))
	for _, s := range r.srcs {
		bt := load.Build(s, b)
		if bt.Err != nil {
			return fmt.Errorf("corpus article %s: %w", bt.Source, bt.Err)
		}
		parts = append(parts, bt.Graph)
	}
	d := time.Since(start)
	r.parts = parts
	var nodes, rels int64
	keys := map[string]bool{}
	for _, p := range parts {
		for _, n := range p.Nodes {
			keys[n.Key] = true
		}
		rels += int64(len(p.Rels))
	}
	nodes = int64(len(keys))
	if r.cfg.wants("parse") {
		v := &Variant{ID: "parse", Name: "parse + resolve, no database", Articles: len(parts), Measured: d, Wall: d,
			Nodes: nodes, Rels: rels, PeakRSS: peakRSS(), RSSOf: "benchmark process (holds every article graph)",
			Note: "nodes: distinct entities; relationships: per-article edges before merging"}
		v.MBPerSec = float64(bytes) / 1e6 / d.Seconds()
		r.rates(v)
		r.rep.Variants = append(r.rep.Variants, v)
	}
	return nil
}

// fresh empties the database and makes sure the constraints are in place.
func (r *runner) fresh(ctx context.Context) error {
	// Relationships first, in small transactions: detaching nodes with tens of thousands of
	// relationships (and large evidence arrays) 10,000 at a time, as Store.Clear does, runs a
	// 2 GB heap out of memory on a 100k-article graph.
	if _, err := r.conn.autoCommit(ctx, "MATCH ()-[x]->() CALL (x) { DELETE x } IN TRANSACTIONS OF 2000 ROWS", nil); err != nil {
		return fmt.Errorf("clear relationships: %w", err)
	}
	if err := r.store.Clear(ctx); err != nil {
		return err
	}
	return r.store.EnsureSchema(ctx)
}

func (r *runner) rates(v *Variant) {
	s := v.Wall.Seconds()
	if s <= 0 {
		return
	}
	scale := 1.0
	if v.Scaled && v.Articles > 0 {
		scale = float64(r.rep.Corpus.Articles) / float64(v.Articles)
	}
	v.ArticlesPerSec = float64(r.rep.Corpus.Articles) / s
	v.NodesPerSec = float64(v.Nodes) * scale / s
	v.RelsPerSec = float64(v.Rels) * scale / s
}

func (r *runner) variant(id string) *Variant {
	for _, v := range r.rep.Variants {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// ingestResult is what one dipgraph ingest did.
type ingestResult struct {
	wall                 time.Duration
	sum                  load.Summary
	peakRSS              int64
	rssOf                string
	fallbacks, deadlocks int64
}

// ingest runs dipgraph's loader over the corpus: as a child process `dipgraph ingest` when
// a binary is configured, otherwise in this process exactly as the ingest command does.
func (r *runner) ingest(ctx context.Context, batch int, flags []string) (ingestResult, error) {
	if r.cfg.Binary == "" {
		return r.ingestInProcess(ctx, batch)
	}
	args := append([]string{"ingest", "--quiet", "--log-format", "json", "--batch-size", strconv.Itoa(batch)}, flags...)
	args = append(args, r.cfg.Corpus)
	cmd := exec.CommandContext(ctx, r.cfg.Binary, args...)
	cmd.Env = append(os.Environ(), "NEO4J_URI="+r.cfg.Conn.URI, "NEO4J_USERNAME="+r.cfg.Conn.Username,
		"NEO4J_PASSWORD="+r.cfg.Conn.Password, "NEO4J_DATABASE="+r.cfg.Conn.Database, "NEO4J_CONNECT_TIMEOUT="+connectTimeout.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return ingestResult{}, fmt.Errorf("start %s: %w", r.cfg.Binary, err)
	}
	// The child's peak memory is read from its own /proc status while it runs: the rusage
	// of a child on Linux keeps the parent's high-water mark from before exec, which here
	// (a benchmark holding the corpus's graphs) would swamp the child's own.
	peak := make(chan int64)
	done := make(chan struct{})
	go func() {
		var max int64
		pid := strconv.Itoa(cmd.Process.Pid)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			if v := peakRSSOf(pid); v > max {
				max = v
			}
			select {
			case <-done:
				peak <- max
				return
			case <-t.C:
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	res := ingestResult{wall: time.Since(start), rssOf: "dipgraph ingest (child process, VmHWM sampled every 20 ms)", peakRSS: <-peak}
	if err != nil {
		return res, fmt.Errorf("%s %s: %w\n%s", r.cfg.Binary, strings.Join(args, " "), err, tail(stderr.String(), 2000))
	}
	found := false
	sc := bufio.NewScanner(&stderr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, "Deadlock") {
			res.deadlocks++
		}
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) != nil {
			continue
		}
		switch m["msg"] {
		case "batch failed; writing its articles one by one":
			res.fallbacks++
		case "ingest finished":
			found = true
			num := func(k string) int { f, _ := m[k].(float64); return int(f) }
			res.sum.New, res.sum.Updated, res.sum.Unchanged = num("new"), num("updated"), num("unchanged")
			res.sum.Counters = neo4jstore.Counters{NodesCreated: num("nodes_created"), NodesDeleted: num("nodes_deleted"),
				RelationshipsCreated: num("relationships_created"), RelationshipsDeleted: num("relationships_deleted")}
			if num("invalid") > 0 || num("failed") > 0 {
				return res, fmt.Errorf("dipgraph ingest: %d invalid, %d failed articles", num("invalid"), num("failed"))
			}
		}
	}
	if !found {
		return res, fmt.Errorf("dipgraph ingest printed no summary:\n%s", tail(stderr.String(), 2000))
	}
	return res, nil
}

// ingestInProcess does what cmd/dipgraph/ingest.go does, in this process.
func (r *runner) ingestInProcess(ctx context.Context, batch int) (ingestResult, error) {
	runtime.GC()
	reset := resetPeakRSS()
	start := time.Now()
	srcs, _, err := ingest.Discover([]string{r.cfg.Corpus}, ingest.Options{Readers: readers.All()})
	if err != nil {
		return ingestResult{}, err
	}
	st, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: r.cfg.Conn.URI, Username: r.cfg.Conn.Username, Password: r.cfg.Conn.Password, Database: r.cfg.Conn.Database, ConnectTimeout: connectTimeout})
	if err != nil {
		return ingestResult{}, err
	}
	defer st.Close(ctx)
	if err := st.EnsureSchema(ctx); err != nil {
		return ingestResult{}, err
	}
	var fallbacks int64
	log := slog.New(countHandler{n: &fallbacks})
	sum, err := load.Run(ctx, srcs, st, load.Options{BatchSize: batch, Builder: graph.NewBuilder(graph.BuiltinGazetteer()), Log: log})
	res := ingestResult{wall: time.Since(start), sum: sum, fallbacks: fallbacks, rssOf: "benchmark process (in-process ingest)"}
	if reset {
		res.peakRSS = peakRSS()
	}
	if err != nil {
		return res, err
	}
	if len(sum.Invalid) > 0 || len(sum.Failed) > 0 {
		return res, fmt.Errorf("dipgraph ingest: %d invalid, %d failed articles", len(sum.Invalid), len(sum.Failed))
	}
	return res, nil
}

// countHandler counts the loader's warnings (a failed batch retried article by article).
type countHandler struct{ n *int64 }

func (h countHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }
func (h countHandler) Handle(context.Context, slog.Record) error {
	*h.n++
	return nil
}
func (h countHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h countHandler) WithGroup(string) slog.Handler      { return h }

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func (r *runner) ingestVariant(ctx context.Context, id, name string, batch int, flags []string) error {
	if err := r.fresh(ctx); err != nil {
		return err
	}
	res, err := r.ingest(ctx, batch, flags)
	if err != nil {
		return err
	}
	nodes, rels, err := r.conn.count(ctx)
	if err != nil {
		return err
	}
	if id == "c" {
		r.rep.Graph = GraphInfo{Nodes: nodes, Rels: rels}
	}
	v := &Variant{ID: id, Name: name, Articles: r.rep.Corpus.Articles, Measured: res.wall, Wall: res.wall,
		Nodes: int64(res.sum.Counters.NodesCreated), Rels: int64(res.sum.Counters.RelationshipsCreated),
		PeakRSS: res.peakRSS, RSSOf: res.rssOf, Retries: res.fallbacks, Deadlocks: res.deadlocks,
		Note: "read, validate, resolve, build and write; retries = batches that fell back to one transaction per article (driver-internal retries are not visible)"}
	if res.sum.New != r.rep.Corpus.Articles {
		v.Check = fmt.Sprintf("FAILED: %d of %d articles new", res.sum.New, r.rep.Corpus.Articles)
	}
	r.rates(v)
	r.rep.Variants = append(r.rep.Variants, v)
	if v.Check != "" {
		return fmt.Errorf("%w: (%s) %s", ErrCheck, id, v.Check)
	}
	return nil
}

func (r *runner) runC(ctx context.Context) error {
	if r.variant("c") != nil {
		return nil
	}
	return r.ingestVariant(ctx, "c", "dipgraph ingest (default, --batch-size "+strconv.Itoa(r.cfg.BatchSize)+")", r.cfg.BatchSize, nil)
}

func (r *runner) runD(ctx context.Context) error {
	return r.ingestVariant(ctx, "d", r.cfg.DLabel, r.cfg.DBatchSize, r.cfg.DFlags)
}

// runE re-ingests the unchanged corpus on the database (c) loaded and checks that it wrote
// nothing: every article unchanged, no counter moved, the same numbers of nodes and
// relationships.
func (r *runner) runE(ctx context.Context) error {
	n0, r0, err := r.conn.count(ctx)
	if err != nil {
		return err
	}
	res, err := r.ingest(ctx, r.cfg.BatchSize, nil)
	if err != nil {
		return err
	}
	n1, r1, err := r.conn.count(ctx)
	if err != nil {
		return err
	}
	v := &Variant{ID: "e", Name: "dipgraph ingest again, unchanged corpus", Articles: r.rep.Corpus.Articles, Measured: res.wall, Wall: res.wall,
		PeakRSS: res.peakRSS, RSSOf: res.rssOf, Retries: res.fallbacks, Deadlocks: res.deadlocks}
	c := res.sum.Counters
	switch {
	case res.sum.Unchanged != r.rep.Corpus.Articles || res.sum.New+res.sum.Updated != 0:
		v.Check = fmt.Sprintf("FAILED: %d unchanged, %d new, %d updated of %d", res.sum.Unchanged, res.sum.New, res.sum.Updated, r.rep.Corpus.Articles)
	case c != (neo4jstore.Counters{}):
		v.Check = fmt.Sprintf("FAILED: wrote %+v", c)
	case n0 != n1 || r0 != r1:
		v.Check = fmt.Sprintf("FAILED: database changed from %d nodes, %d relationships to %d, %d", n0, r0, n1, r1)
	default:
		v.Check = fmt.Sprintf("ok: %d articles unchanged, nothing written (%d nodes, %d relationships before and after)", res.sum.Unchanged, n1, r1)
	}
	r.rates(v)
	r.rep.Variants = append(r.rep.Variants, v)
	if strings.HasPrefix(v.Check, "FAILED") {
		return fmt.Errorf("%w: (e) %s", ErrCheck, v.Check)
	}
	return nil
}

// runRef writes the first n articles with the reference statements: each statement in its
// own transaction (perStatement), or one transaction per article.
func (r *runner) runRef(ctx context.Context, id, name string, n int, perStatement bool) error {
	if err := r.fresh(ctx); err != nil {
		return err
	}
	if n <= 0 || n > len(r.parts) {
		n = len(r.parts)
	}
	r.conn.retries.Store(0)
	r.conn.deadlocks.Store(0)
	runtime.GC()
	reset := resetPeakRSS()
	sess := r.conn.session(ctx)
	defer sess.Close(ctx)
	var total written
	start := time.Now()
	for _, p := range r.parts[:n] {
		stmts, err := refStatements(p)
		if err != nil {
			return err
		}
		if perStatement {
			for _, s := range stmts {
				w, err := r.conn.inTx(ctx, sess, []stmt{s})
				if err != nil {
					return err
				}
				total.nodes += w.nodes
				total.rels += w.rels
			}
			continue
		}
		w, err := r.conn.inTx(ctx, sess, stmts)
		if err != nil {
			return err
		}
		total.nodes += w.nodes
		total.rels += w.rels
	}
	d := time.Since(start)
	v := &Variant{ID: id, Name: name, Articles: n, Measured: d, Wall: d, Nodes: total.nodes, Rels: total.rels,
		Retries: r.conn.retries.Load(), Deadlocks: r.conn.deadlocks.Load(),
		Note: "reference loader in the benchmark (article graphs already built); no aggregates"}
	if reset {
		v.PeakRSS, v.RSSOf = peakRSS(), "benchmark process (holds every article graph)"
	}
	if n < r.rep.Corpus.Articles {
		v.Scaled = true
		v.Wall = time.Duration(float64(d) * float64(r.rep.Corpus.Articles) / float64(n))
		v.Note = fmt.Sprintf("SAMPLE of %d articles measured in %s, scaled ×%.1f to the corpus; ", n, d.Round(time.Millisecond), float64(r.rep.Corpus.Articles)/float64(n)) + v.Note
	}
	r.rates(v)
	r.rep.Variants = append(r.rep.Variants, v)
	return nil
}

func (r *runner) runA(ctx context.Context) error {
	return r.runRef(ctx, "a", "naive: one transaction per statement", r.cfg.NaiveSample, true)
}

func (r *runner) runB(ctx context.Context) error {
	return r.runRef(ctx, "b", "one transaction per article", r.cfg.PerArticleSample, false)
}

// runF loads the merged graph from CSV files with LOAD CSV and CALL { … } IN TRANSACTIONS.
func (r *runner) runF(ctx context.Context) error {
	if r.cfg.ImportDir == "" {
		r.log.Warn("skipping (f): no import folder configured")
		return nil
	}
	if err := r.fresh(ctx); err != nil {
		return err
	}
	sub := "dipgraph-bench"
	dir := filepath.Join(r.cfg.ImportDir, sub)
	os.RemoveAll(dir)
	files, err := writeCSV(dir, r.parts)
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	start := time.Now()
	w, err := r.conn.loadCSV(ctx, sub, files)
	if err != nil {
		return err
	}
	d := time.Since(start)
	v := &Variant{ID: "f", Name: "ceiling: LOAD CSV + CALL { } IN TRANSACTIONS", Articles: r.rep.Corpus.Articles, Measured: d, Wall: d,
		Nodes: w.nodes, Rels: w.rels, RSSOf: "Neo4j server (not measured)",
		Note: fmt.Sprintf("load time only: the graph as dipgraph stores it (every property), merged in advance and written as the %d CSV files of `dipgraph export --format csv`; CREATE, no MERGE", len(files))}
	r.rates(v)
	r.rep.Variants = append(r.rep.Variants, v)
	return nil
}

func (r *runner) neo4jVersion(ctx context.Context) string {
	rows, err := r.store.Read(ctx, "CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition", nil)
	if err != nil || len(rows) == 0 {
		return "unknown"
	}
	s, _ := rows[0].Values[0].(string)
	return s
}

func machine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), Go: runtime.Version()}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		line, _, _ := strings.Cut(string(b), "\n")
		if f := strings.Fields(line); len(f) >= 2 {
			kb, _ := strconv.ParseFloat(f[1], 64)
			m.MemTotal = fmt.Sprintf("%.1f GiB", kb/(1<<20))
		}
	}
	return m
}

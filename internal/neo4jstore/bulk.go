package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
	"golang.org/x/sync/errgroup"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/schema"
	"github.com/dipgraph/dipgraph/internal/store"
)

// BulkRows is how many rows one transaction of a bulk load creates.
const BulkRows = 10000

// Empty reports whether the database holds no node at all: the condition for BulkCreate.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	rows, err := s.read(ctx, `MATCH (n) RETURN count(n) = 0 AS empty LIMIT 1`, nil)
	if err != nil {
		return false, fmt.Errorf("check for an empty database: %w", s.explain(err))
	}
	if len(rows) == 0 {
		return true, nil
	}
	empty, _ := rows[0].Values[0].(bool)
	return empty, nil
}

// bulkLabel marks the node that says a bulk load is running (id "bulk", heartbeat):
// one at a time (a uniqueness constraint), and incremental writers wait for it.
const bulkLabel = "DipgraphBulkLoad"

// bulkStale is how old a bulk load's heartbeat may be before its marker is taken for
// that of a process that died.
const bulkStale = 2 * time.Minute

// ErrBulkBusy says another process started a bulk load of the same database first
// (store.ErrBulkBusy).
var ErrBulkBusy = store.ErrBulkBusy

// WaitForBulk returns once no bulk load is running on the database: at once when there is
// none, else when its marker is gone, or when its heartbeat is older than bulkStale (its
// process died; the marker is removed, and what it left is replaced article by article).
func (s *Store) WaitForBulk(ctx context.Context, waiting func()) error {
	for first := true; ; first = false {
		rows, err := s.read(ctx, `MATCH (b:`+bulkLabel+`) RETURN b.heartbeat < datetime() - duration({seconds: $stale}) AS stale`,
			map[string]any{"stale": int64(bulkStale / time.Second)})
		if err != nil {
			return fmt.Errorf("check for a bulk load: %w", s.explain(err))
		}
		if len(rows) == 0 {
			return nil
		}
		if stale, _ := rows[0].Values[0].(bool); stale {
			_, err := s.write(ctx, func(run runFunc) error {
				_, err := run(`MATCH (b:`+bulkLabel+`) DELETE b`, nil)
				return err
			})
			return err
		}
		if first && waiting != nil {
			waiting()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// BulkCreate writes ds, the merged graph of a set of articles (schema.Build), into an
// empty database: BulkStream with every article given at once.
func (s *Store) BulkCreate(ctx context.Context, ds *schema.Dataset, progress func(step string)) (Counters, error) {
	early := make(chan []schema.Node, 1)
	early <- ds.Articles
	close(early)
	return s.BulkStream(ctx, early, func() (*schema.Dataset, error) { return ds, nil }, progress)
}

// BulkStream writes a set of articles into an empty database with CREATE only, BulkRows
// rows per transaction: nothing is read, merged or locked beyond the nodes a relationship
// joins, so it runs at the speed of LOAD CSV or faster. It gives the graph the
// incremental path gives for the same articles (the fingerprint tests check it).
//
// It takes the articles in two parts, so that the caller can read and merge the corpus
// while the server writes. early gives :Article and :Evidence nodes as they are read
// (schema.Early), created as they come, BulkWriters transactions at a time. Once early is
// closed, rest gives the merged dataset (schema.BuildWithoutEvidence and
// schema.LateEvidence): its entities and evidence are created, then its mentions and
// relationships, and last its articles get their fingerprints.
//
// A first transaction creates a marker node (one per database: ErrBulkBusy for a second
// bulk load); the last one deletes it. While it runs, the marker's heartbeat is renewed in
// transactions of its own; incremental writers wait for the marker (WaitForBulk) before
// they start. An interrupted bulk load leaves articles with no fingerprint, which the next
// (incremental) ingest replaces whole, so running the command again finishes the load.
// When BulkStream returns early with an error, it stops reading early: the caller's
// sender should give up when ctx ends.
func (s *Store) BulkStream(ctx context.Context, early <-chan []schema.Node, rest func() (*schema.Dataset, error), progress func(step string)) (Counters, error) {
	b := &bulkLoad{s: s, progress: progress, writers: s.cfg.BulkWriters}
	if b.writers <= 0 {
		b.writers = DefaultBulkWriters
	}
	err := b.run(ctx, early, rest)
	if err != nil && !errors.Is(err, ErrBulkBusy) {
		// Stopped part way (Ctrl-C, a refused row): the marker goes, so that the next
		// ingest need not wait for it to turn stale; it replaces what was left.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		s.write(cctx, func(run runFunc) error {
			_, err := run(`MATCH (b:`+bulkLabel+` {id: 'bulk'}) DELETE b`, nil)
			return err
		})
	}
	return b.total, err
}

// DefaultBulkWriters is how many transactions a bulk load runs at a time unless
// Store.BulkWriters says otherwise: the server creates nodes and relationships on as many
// cores, and the loader keeps them busy.
const DefaultBulkWriters = 2

// relWriters is how many transactions create relationships at a time. One: two at once
// queue on the locks of the entities and articles they share (a relationship locks both
// of its nodes until its transaction commits), and on the 10,000-article benchmark corpus
// they took 13 s where one took 7.8 s.
const relWriters = 1

// bulkHeartbeat is how often a running bulk load renews its marker's heartbeat.
const bulkHeartbeat = bulkStale / 4

// bulkLoad is one run of BulkCreate: what it has written so far.
type bulkLoad struct {
	s        *Store
	progress func(step string)
	writers  int
	mu       sync.Mutex // guards total and progress calls
	total    Counters
}

// bulkStep is one statement of a bulk load and the rows it creates.
type bulkStep struct {
	name, cypher string
	rows         []any
}

// run claims the database, creates the early nodes as they come, then the rest: the
// entities and late evidence, the mentions and relationships, and the fingerprints.
func (b *bulkLoad) run(ctx context.Context, early <-chan []schema.Node, rest func() (*schema.Dataset, error)) error {
	if err := b.tx(ctx, bulkStep{name: "claim"}, true, false); err != nil {
		return err
	}
	hctx, stop := context.WithCancel(ctx)
	defer stop()
	go b.heartbeat(hctx)
	if err := b.earlyNodes(ctx, early); err != nil {
		return err
	}
	b.report("articles")
	ds, err := rest()
	if err != nil {
		return err
	}
	nodes, rels, err := bulkSteps(ds)
	if err != nil {
		return err
	}
	// Nodes lock nothing but their own index entries, so they are created b.writers
	// transactions at a time; relationships relWriters at a time.
	if err := b.phase(ctx, nodes, b.writers); err != nil {
		return err
	}
	if err := b.phase(ctx, rels, relWriters); err != nil {
		return err
	}
	return b.step(ctx, bulkFingerprints(ds), true)
}

// earlyNodes creates the :Article (without their fingerprint) and :Evidence nodes early
// gives, b.writers transactions at a time, until early is closed.
func (b *bulkLoad) earlyNodes(ctx context.Context, early <-chan []schema.Node) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(b.writers)
	articles := bulkStep{name: "articles", cypher: `UNWIND $rows AS row CREATE (a:` + schema.Article + `) SET a = row`}
	evidence := bulkStep{name: "evidence", cypher: `UNWIND $rows AS row CREATE (ev:` + schema.Evidence + `) SET ev = row`}
	send := func(st *bulkStep, all bool) {
		for len(st.rows) >= BulkRows || (all && len(st.rows) > 0) {
			n := min(len(st.rows), BulkRows)
			chunk := bulkStep{st.name, st.cypher, st.rows[:n]}
			st.rows = st.rows[n:]
			g.Go(func() error { return b.tx(gctx, chunk, false, false) })
		}
	}
	for nodes := range early {
		if gctx.Err() != nil {
			break // a write failed: g.Wait says which
		}
		for _, n := range nodes {
			p := params(n.Props)
			if n.Article() {
				delete(p, "fingerprint")
				articles.rows = append(articles.rows, p)
			} else {
				evidence.rows = append(evidence.rows, p)
			}
		}
		send(&articles, false)
		send(&evidence, false)
	}
	send(&articles, true)
	send(&evidence, true)
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// heartbeat renews the marker's heartbeat every bulkHeartbeat until ctx ends, so that
// other processes see the load is alive however long a phase takes.
func (b *bulkLoad) heartbeat(ctx context.Context) {
	t := time.NewTicker(bulkHeartbeat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			b.s.write(ctx, func(run runFunc) error {
				_, err := run(`MATCH (b:`+bulkLabel+` {id: 'bulk'}) SET b.heartbeat = datetime()`, nil)
				return err
			})
		}
	}
}

// phase runs the steps' transactions, b.writers at a time; a step's progress is reported
// when its last transaction has committed. The first failure stops the phase.
func (b *bulkLoad) phase(ctx context.Context, steps []bulkStep, writers int) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(writers)
	for _, st := range steps {
		left := new(atomic.Int32)
		left.Store(int32((len(st.rows) + BulkRows - 1) / BulkRows))
		for i := 0; i < len(st.rows); i += BulkRows {
			chunk := bulkStep{st.name, st.cypher, st.rows[i:min(i+BulkRows, len(st.rows))]}
			g.Go(func() error {
				if err := b.tx(gctx, chunk, false, false); err != nil {
					return err
				}
				if left.Add(-1) == 0 {
					b.report(st.name)
				}
				return nil
			})
		}
	}
	return g.Wait()
}

// report passes a finished step to the progress function, one call at a time.
func (b *bulkLoad) report(step string) {
	if b.progress == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.progress(step)
}

// bulkFingerprints returns the step that sets the fingerprints of ds's articles.
func bulkFingerprints(ds *schema.Dataset) bulkStep {
	st := bulkStep{name: "fingerprints", cypher: `UNWIND $rows AS row MATCH (a:` + schema.Article + ` {id: row.id}) SET a.fingerprint = row.fp`}
	for _, n := range ds.Articles {
		st.rows = append(st.rows, map[string]any{"id": n.ID, "fp": params(n.Props)["fingerprint"]})
	}
	return st
}

// bulkSteps returns the steps of the two phases after the articles: the entities (one
// step per set of labels, so that each statement names its labels) and the evidence;
// then the mentions and one step per relationship type in type order. Labels and types
// are checked here, before anything reaches a statement.
func bulkSteps(ds *schema.Dataset) (nodes, rels []bulkStep, err error) {
	byLabels := map[string][]any{}
	for _, n := range ds.Entities {
		for _, l := range n.Labels {
			if _, err := graph.Label(l); err != nil {
				return nil, nil, fmt.Errorf("entity %s: %w", n.ID, err)
			}
		}
		ls := strings.Join(n.Labels, ":")
		byLabels[ls] = append(byLabels[ls], params(n.Props))
	}
	for _, ls := range slices.Sorted(maps.Keys(byLabels)) {
		nodes = append(nodes, bulkStep{"entities", `UNWIND $rows AS row CREATE (e:` + ls + `) SET e = row`, byLabels[ls]})
	}
	evidence := make([]any, len(ds.Evidence))
	for i, n := range ds.Evidence {
		evidence[i] = params(n.Props)
	}
	nodes = append(nodes, bulkStep{"evidence", `UNWIND $rows AS row CREATE (ev:` + schema.Evidence + `) SET ev = row`, evidence})
	mentions := make([]any, len(ds.Mentions))
	for i, m := range ds.Mentions {
		mentions[i] = map[string]any{"from": m.From, "to": m.To, "props": params(m.Props)}
	}
	rels = append(rels, bulkStep{"mentions", `UNWIND $rows AS row
MATCH (a:` + schema.Article + ` {id: row.from})
MATCH (e:` + schema.Entity + ` {key: row.to})
CREATE (a)-[m:` + schema.Mentions + `]->(e) SET m = row.props`, mentions})
	byType := map[string][]any{}
	for _, r := range ds.Rels {
		byType[r.Type] = append(byType[r.Type], map[string]any{"from": r.From, "to": r.To, "props": params(r.Props)})
	}
	for _, t := range slices.Sorted(maps.Keys(byType)) {
		if _, err := graph.RelType(t); err != nil {
			return nil, nil, err
		}
		rels = append(rels, bulkStep{"relationships " + t, `UNWIND $rows AS row
MATCH (x:` + schema.Entity + ` {key: row.from})
MATCH (y:` + schema.Entity + ` {key: row.to})
CREATE (x)-[r:` + t + `]->(y) SET r = row.props`, byType[t]})
	}
	return nodes, rels, nil
}

// step runs st in transactions of BulkRows rows, one after another; with last, the final
// one deletes the marker.
func (b *bulkLoad) step(ctx context.Context, st bulkStep, last bool) error {
	for i := 0; i < len(st.rows) || i == 0; i += BulkRows {
		end := min(i+BulkRows, len(st.rows))
		chunk := bulkStep{st.name, st.cypher, st.rows[i:end]}
		if err := b.tx(ctx, chunk, false, last && end == len(st.rows)); err != nil {
			return err
		}
	}
	b.report(st.name)
	return nil
}

// tx runs one statement on its rows in a transaction; with claim, the transaction
// creates the marker first (and fails with ErrBulkBusy when there is one), with done it
// deletes it last.
func (b *bulkLoad) tx(ctx context.Context, st bulkStep, claim, done bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c, err := b.s.write(ctx, func(run runFunc) error {
		if claim {
			if _, err := run(`CREATE (:`+bulkLabel+` {id: 'bulk', heartbeat: datetime()})`, nil); err != nil {
				return err
			}
		}
		if len(st.rows) > 0 {
			if _, err := run(st.cypher, map[string]any{"rows": st.rows}); err != nil {
				return err
			}
		}
		if done {
			_, err := run(`MATCH (b:`+bulkLabel+` {id: 'bulk'}) DELETE b`, nil)
			return err
		}
		return nil
	})
	if err == nil {
		// The marker is not part of the graph.
		if claim {
			c.NodesCreated--
		}
		if done {
			c.NodesDeleted--
		}
	}
	b.mu.Lock()
	b.total.Add(c)
	b.mu.Unlock()
	var ne *neo4j.Neo4jError
	if claim && errors.As(err, &ne) && ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed" {
		return ErrBulkBusy
	}
	if err != nil {
		return fmt.Errorf("bulk load: %s: %w", st.name, err)
	}
	return nil
}

// params turns schema properties into driver parameters (dates as DATE values).
func params(ps schema.Props) map[string]any {
	m := make(map[string]any, len(ps))
	for _, p := range ps {
		if d, ok := p.Value.(schema.Date); ok {
			t, err := time.Parse("2006-01-02", string(d))
			if err != nil {
				m[p.Key] = string(d) // not a calendar date: stored as written, as date() would refuse it
				continue
			}
			m[p.Key] = dbtype.Date(t)
			continue
		}
		m[p.Key] = p.Value
	}
	return m
}

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
// schema.LateEvidence), called as soon as early is closed so that the caller merges while
// the last early nodes are written: its entities and evidence are created, then its
// mentions and relationships, and last its articles get their fingerprints.
//
// A first transaction creates a marker node (one per database: ErrBulkBusy for a second
// bulk load); the last one deletes it. While it runs, the marker's heartbeat is renewed in
// transactions of its own; incremental writers wait for the marker (WaitForBulk) before
// they start. An interrupted bulk load leaves articles with no fingerprint, which the next
// (incremental) ingest replaces whole, so running the command again finishes the load.
// When BulkStream returns early with an error, it stops reading early: the caller's
// sender should give up when ctx ends.
func (s *Store) BulkStream(ctx context.Context, early <-chan []schema.Node, rest func() (*schema.Dataset, error), progress func(step string)) (Counters, error) {
	b := &bulkLoad{s: s, progress: progress, writers: s.cfg.BulkWriters,
		articles: map[string]string{}, entities: map[string]string{}}
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
	mu       sync.Mutex // guards total, articles, entities and progress calls
	total    Counters
	// articles and entities map the id of each :Article and the key of each entity
	// created so far to its element id, which the statements that link them look the
	// nodes up by: a seek by element id reads no index and takes no index lock.
	articles, entities map[string]string
}

// bulkStep is one statement of a bulk load and the rows it creates.
type bulkStep struct {
	name, cypher string
	rows         []any
	// props, when not empty, says that cypher holds a %s for the property map of what
	// it creates, filled in for each chunk (propMap): "row" for a node's row, "row.props"
	// for a relationship's.
	props string
	// ids, when not nil, receives the (key, element id) pairs the statement returns.
	ids map[string]string
}

// chunk returns the step on rows[i:j], its property map filled in.
func (st bulkStep) chunk(i, j int) bulkStep {
	c := st
	c.rows = st.rows[i:j]
	if st.props != "" {
		c.cypher = fmt.Sprintf(st.cypher, propMap(c.rows, st.props))
	}
	return c
}

// propMap returns the map literal that gives a created node or relationship the
// properties of its row: every key of any of rows, read from the row (at "row") or from
// its props (at "row.props"). Unlike CREATE … SET x = row.props, which the planner
// separates from the CREATE by an Eager that holds every row of the chunk, properties
// given in the CREATE are written as each row is created (on the 10,000-article corpus,
// MENTIONS took 3.07 s of server CPU instead of 3.46 s). A key a row lacks is null there,
// and CREATE leaves a null property unset, as SET does.
func propMap(rows []any, at string) string {
	keys := map[string]bool{}
	for _, r := range rows {
		m, _ := r.(map[string]any)
		if at != "row" {
			m, _ = m["props"].(map[string]any)
		}
		for k := range m {
			keys[k] = true
		}
	}
	var b strings.Builder
	for i, k := range slices.Sorted(maps.Keys(keys)) {
		if i > 0 {
			b.WriteString(", ")
		}
		q := "`" + strings.ReplaceAll(k, "`", "``") + "`"
		b.WriteString(q + ": " + at + "." + q)
	}
	return "{" + b.String() + "}"
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
	// The merge (rest) starts as soon as early is closed, while the server still creates
	// the last early nodes, instead of after them: neither waits for the other.
	var ds *schema.Dataset
	var restErr error
	merging, merged := false, make(chan struct{})
	err := b.earlyNodes(ctx, early, func() {
		merging = true
		go func() {
			defer close(merged)
			ds, restErr = rest()
		}()
	})
	if merging {
		<-merged
	}
	if err != nil {
		return err
	}
	b.report("articles")
	if restErr != nil {
		return restErr
	}
	nodes, err := b.nodeSteps(ds)
	if err != nil {
		return err
	}
	// Nodes lock nothing but their own index entries, so they are created b.writers
	// transactions at a time; relationships relWriters at a time.
	if err := b.phase(ctx, nodes, b.writers); err != nil {
		return err
	}
	rels, err := b.relSteps(ds)
	if err != nil {
		return err
	}
	if err := b.phase(ctx, rels, relWriters); err != nil {
		return err
	}
	fps, err := b.fingerprints(ds)
	if err != nil {
		return err
	}
	return b.step(ctx, fps, true)
}

// earlyNodes creates the :Article (without their fingerprint) and :Evidence nodes early
// gives, b.writers transactions at a time, until early is closed. It calls drained once
// early is closed, before the last transactions commit (not when a write failed first).
func (b *bulkLoad) earlyNodes(ctx context.Context, early <-chan []schema.Node, drained func()) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(b.writers)
	articles := bulkStep{name: "articles", props: "row", ids: b.articles,
		cypher: `UNWIND $rows AS row CREATE (a:` + schema.Article + ` %s) RETURN row.` + schema.ArticleKey + `, elementId(a)`}
	evidence := evidenceStep(nil)
	send := func(st *bulkStep, all bool) {
		for len(st.rows) >= BulkRows || (all && len(st.rows) > 0) {
			n := min(len(st.rows), BulkRows)
			chunk := st.chunk(0, n)
			st.rows = st.rows[n:]
			g.Go(func() error { return b.tx(gctx, chunk, false, false) })
		}
	}
	all := true
	for nodes := range early {
		if gctx.Err() != nil {
			all = false
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
	if all {
		drained()
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
			chunk := st.chunk(i, min(i+BulkRows, len(st.rows)))
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

// fingerprints returns the step that sets the fingerprints of ds's articles.
func (b *bulkLoad) fingerprints(ds *schema.Dataset) (bulkStep, error) {
	st := bulkStep{name: "fingerprints", cypher: `UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a SET a.fingerprint = row.fp`}
	for _, n := range ds.Articles {
		a, ok := b.articles[n.ID]
		if !ok {
			return st, fmt.Errorf("bulk load: article %s was not created (a bug: please report it)", n.ID)
		}
		st.rows = append(st.rows, map[string]any{"a": a, "fp": params(n.Props)["fingerprint"]})
	}
	return st, nil
}

// evidenceStep returns the step that creates :Evidence nodes, rows their properties.
func evidenceStep(rows []any) bulkStep {
	return bulkStep{name: "evidence", rows: rows, props: "row",
		cypher: `UNWIND $rows AS row CREATE (ev:` + schema.Evidence + ` %s)`}
}

// nodeSteps returns the steps of the phase after the articles: the entities (one step
// per set of labels, so that each statement names its labels; each returns the element
// ids of its nodes) and the evidence. Labels are checked here, before anything reaches
// a statement.
func (b *bulkLoad) nodeSteps(ds *schema.Dataset) ([]bulkStep, error) {
	byLabels := map[string][]any{}
	for _, n := range ds.Entities {
		for _, l := range n.Labels {
			if _, err := graph.Label(l); err != nil {
				return nil, fmt.Errorf("entity %s: %w", n.ID, err)
			}
		}
		ls := strings.Join(n.Labels, ":")
		byLabels[ls] = append(byLabels[ls], params(n.Props))
	}
	var nodes []bulkStep
	for _, ls := range slices.Sorted(maps.Keys(byLabels)) {
		nodes = append(nodes, bulkStep{name: "entities", rows: byLabels[ls], props: "row", ids: b.entities,
			cypher: `UNWIND $rows AS row CREATE (e:` + ls + ` %s) RETURN row.` + schema.EntityKey + `, elementId(e)`})
	}
	evidence := make([]any, len(ds.Evidence))
	for i, n := range ds.Evidence {
		evidence[i] = params(n.Props)
	}
	return append(nodes, evidenceStep(evidence)), nil
}

// relSteps returns the steps of the relationship phase: the mentions, then one step per
// relationship type in type order. Each row names its two nodes by element id (from
// the articles and entities created before); types are checked here.
func (b *bulkLoad) relSteps(ds *schema.Dataset) ([]bulkStep, error) {
	const link = `UNWIND $rows AS row
MATCH (x) WHERE elementId(x) = row.from
MATCH (y) WHERE elementId(y) = row.to
CREATE (x)-[r:`
	rows := func(rels []schema.Rel, from map[string]string) ([]any, error) {
		out := make([]any, len(rels))
		for i, r := range rels {
			x, okx := from[r.From]
			y, oky := b.entities[r.To]
			if !okx || !oky {
				return nil, fmt.Errorf("bulk load: %s from %s to %s: a node was not created (a bug: please report it)", r.Type, r.From, r.To)
			}
			out[i] = map[string]any{"from": x, "to": y, "props": params(r.Props)}
		}
		return out, nil
	}
	mentions, err := rows(ds.Mentions, b.articles)
	if err != nil {
		return nil, err
	}
	steps := []bulkStep{{name: "mentions", rows: mentions, props: "row.props", cypher: link + schema.Mentions + ` %s]->(y)`}}
	byType := map[string][]schema.Rel{}
	for _, r := range ds.Rels {
		byType[r.Type] = append(byType[r.Type], r)
	}
	for _, t := range slices.Sorted(maps.Keys(byType)) {
		if _, err := graph.RelType(t); err != nil {
			return nil, err
		}
		rs, err := rows(byType[t], b.entities)
		if err != nil {
			return nil, err
		}
		steps = append(steps, bulkStep{name: "relationships " + t, rows: rs, props: "row.props", cypher: link + t + ` %s]->(y)`})
	}
	return steps, nil
}

// step runs st in transactions of BulkRows rows, one after another; with last, the final
// one deletes the marker.
func (b *bulkLoad) step(ctx context.Context, st bulkStep, last bool) error {
	for i := 0; i < len(st.rows) || i == 0; i += BulkRows {
		end := min(i+BulkRows, len(st.rows))
		chunk := st.chunk(i, end)
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
	var ids []Row // of the attempt that commits
	c, err := b.s.write(ctx, func(run runFunc) error {
		if claim {
			if _, err := run(`CREATE (:`+bulkLabel+` {id: 'bulk', heartbeat: datetime()})`, nil); err != nil {
				return err
			}
		}
		if len(st.rows) > 0 {
			rows, err := run(st.cypher, map[string]any{"rows": st.rows})
			if err != nil {
				return err
			}
			ids = rows
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
	if err == nil && st.ids != nil {
		for _, r := range ids {
			key, _ := r.Values[0].(string)
			id, _ := r.Values[1].(string)
			st.ids[key] = id
		}
	}
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

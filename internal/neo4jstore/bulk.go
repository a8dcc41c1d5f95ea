package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

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
// empty database with CREATE only, BulkRows rows per transaction: nothing is read, merged
// or locked, so it runs at the speed of LOAD CSV. It gives the graph the incremental path
// gives for the same articles (the fingerprint tests check it).
//
// The first transaction creates a marker node (one per database: ErrBulkBusy for a
// second bulk load) and every article without its fingerprint; the last sets the
// fingerprints and deletes the marker. Incremental writers wait for the marker
// (WaitForBulk) before they start. An interrupted bulk load leaves articles with no
// fingerprint, which the next (incremental) ingest replaces whole, so running the
// command again finishes the load.
func (s *Store) BulkCreate(ctx context.Context, ds *schema.Dataset, progress func(step string)) (Counters, error) {
	b := &bulkLoad{s: s, progress: progress}
	err := b.run(ctx, ds)
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

// bulkLoad is one run of BulkCreate: what it has written so far.
type bulkLoad struct {
	s        *Store
	progress func(step string)
	total    Counters
}

// bulkStep is one statement of a bulk load and the rows it creates.
type bulkStep struct {
	name, cypher string
	rows         []any
}

// run claims the database with the articles, then creates the entities, evidence,
// mentions and relationships, and sets the fingerprints last.
func (b *bulkLoad) run(ctx context.Context, ds *schema.Dataset) error {
	articles, fingerprints := bulkArticles(ds)
	// The claim: the marker and every article, in one transaction.
	if err := b.tx(ctx, articles, true, len(articles.rows) == 0); err != nil {
		return err
	}
	steps, err := bulkSteps(ds)
	if err != nil {
		return err
	}
	for _, st := range append(steps, fingerprints) {
		if err := b.step(ctx, st, st.name == fingerprints.name); err != nil {
			return err
		}
	}
	return nil
}

// bulkArticles returns the step that creates the :Article nodes without their fingerprint,
// and the one that sets the fingerprints.
func bulkArticles(ds *schema.Dataset) (articles, fingerprints bulkStep) {
	articles = bulkStep{name: "articles", cypher: `UNWIND $rows AS row CREATE (a:` + schema.Article + `) SET a = row`}
	fingerprints = bulkStep{name: "fingerprints", cypher: `UNWIND $rows AS row MATCH (a:` + schema.Article + ` {id: row.id}) SET a.fingerprint = row.fp`}
	for _, n := range ds.Articles {
		p := params(n.Props)
		fingerprints.rows = append(fingerprints.rows, map[string]any{"id": n.ID, "fp": p["fingerprint"]})
		delete(p, "fingerprint")
		articles.rows = append(articles.rows, p)
	}
	return articles, fingerprints
}

// bulkSteps returns the steps after the articles: entities, evidence, mentions, then one
// step per relationship type in type order. Labels and types are checked here, before
// anything reaches a statement.
func bulkSteps(ds *schema.Dataset) ([]bulkStep, error) {
	entities := make([]any, len(ds.Entities))
	for i, n := range ds.Entities {
		for _, l := range n.Labels {
			if _, err := graph.Label(l); err != nil {
				return nil, fmt.Errorf("entity %s: %w", n.ID, err)
			}
		}
		entities[i] = map[string]any{"labels": n.Labels, "props": params(n.Props)}
	}
	evidence := make([]any, len(ds.Evidence))
	for i, n := range ds.Evidence {
		evidence[i] = params(n.Props)
	}
	mentions := make([]any, len(ds.Mentions))
	for i, m := range ds.Mentions {
		mentions[i] = map[string]any{"from": m.From, "to": m.To, "props": params(m.Props)}
	}
	steps := []bulkStep{
		{"entities", `UNWIND $rows AS row CREATE (e:$(row.labels)) SET e = row.props`, entities},
		{"evidence", `UNWIND $rows AS row CREATE (ev:` + schema.Evidence + `) SET ev = row`, evidence},
		{"mentions", `UNWIND $rows AS row
MATCH (a:` + schema.Article + ` {id: row.from})
MATCH (e:` + schema.Entity + ` {key: row.to})
CREATE (a)-[m:` + schema.Mentions + `]->(e) SET m = row.props`, mentions},
	}
	byType := map[string][]any{}
	for _, r := range ds.Rels {
		byType[r.Type] = append(byType[r.Type], map[string]any{"from": r.From, "to": r.To, "props": params(r.Props)})
	}
	for _, t := range slices.Sorted(maps.Keys(byType)) {
		if _, err := graph.RelType(t); err != nil {
			return nil, err
		}
		steps = append(steps, bulkStep{"relationships " + t, `UNWIND $rows AS row
MATCH (x:` + schema.Entity + ` {key: row.from})
MATCH (y:` + schema.Entity + ` {key: row.to})
CREATE (x)-[r:` + t + `]->(y) SET r = row.props`, byType[t]})
	}
	return steps, nil
}

// step runs st in transactions of BulkRows rows; with last, the final one deletes the marker.
func (b *bulkLoad) step(ctx context.Context, st bulkStep, last bool) error {
	for i := 0; i < len(st.rows); i += BulkRows {
		end := min(i+BulkRows, len(st.rows))
		chunk := bulkStep{st.name, st.cypher, st.rows[i:end]}
		if err := b.tx(ctx, chunk, false, last && end == len(st.rows)); err != nil {
			return err
		}
	}
	if b.progress != nil {
		b.progress(st.name)
	}
	return nil
}

// tx runs one statement on its rows in a transaction that also keeps the marker's
// heartbeat (or, with claim, creates the marker) and, with done, deletes it.
func (b *bulkLoad) tx(ctx context.Context, st bulkStep, claim, done bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c, err := b.s.write(ctx, func(run runFunc) error {
		marker := `MATCH (b:` + bulkLabel + ` {id: 'bulk'}) SET b.heartbeat = datetime()`
		if claim {
			marker = `CREATE (:` + bulkLabel + ` {id: 'bulk', heartbeat: datetime()})`
		}
		if _, err := run(marker, nil); err != nil {
			return err
		}
		if _, err := run(st.cypher, map[string]any{"rows": st.rows}); err != nil {
			return err
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
	b.total.Add(c)
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

package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/export"
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

// ErrBulkBusy says another process started a bulk load of the same database first.
var ErrBulkBusy = errors.New("another dipgraph ingest is bulk-loading this database")

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

// BulkCreate writes ds, the merged graph of a set of articles (export.Build), into an
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
func (s *Store) BulkCreate(ctx context.Context, ds *export.Dataset, progress func(step string)) (total Counters, err error) {
	defer func() {
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
	}()
	// tx runs one statement on rows in a transaction that also keeps the marker's
	// heartbeat (or, with claim, creates the marker) and, with done, deletes it.
	tx := func(name, cypher string, rows []any, claim, done bool) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		c, err := s.write(ctx, func(run runFunc) error {
			marker := `MATCH (b:` + bulkLabel + ` {id: 'bulk'}) SET b.heartbeat = datetime()`
			if claim {
				marker = `CREATE (:` + bulkLabel + ` {id: 'bulk', heartbeat: datetime()})`
			}
			if _, err := run(marker, nil); err != nil {
				return err
			}
			if _, err := run(cypher, map[string]any{"rows": rows}); err != nil {
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
		total.Add(c)
		if claim && err != nil && strings.Contains(err.Error(), "already exists") {
			return ErrBulkBusy
		}
		if err != nil {
			return fmt.Errorf("bulk load: %s: %w", name, err)
		}
		return nil
	}
	step := func(name, cypher string, rows []any) error {
		for i := 0; i < len(rows); i += BulkRows {
			end := min(i+BulkRows, len(rows))
			if err := tx(name, cypher, rows[i:end], false, name == "fingerprints" && end == len(rows)); err != nil {
				return err
			}
		}
		if progress != nil {
			progress(name)
		}
		return nil
	}
	var articles, fps []any
	for _, n := range ds.Articles {
		p := params(n.Props)
		fps = append(fps, map[string]any{"id": n.ID, "fp": p["fingerprint"]})
		delete(p, "fingerprint")
		articles = append(articles, p)
	}
	// The claim: the marker and every article, in one transaction.
	if err := tx("articles", `UNWIND $rows AS row CREATE (a:`+graph.ArticleLabel+`) SET a = row`, articles, true, len(articles) == 0); err != nil {
		return total, err
	}
	entities := make([]any, len(ds.Entities))
	for i, n := range ds.Entities {
		for _, l := range n.Labels {
			if _, err := graph.Label(l); err != nil {
				return total, fmt.Errorf("entity %s: %w", n.ID, err)
			}
		}
		entities[i] = map[string]any{"labels": n.Labels, "props": params(n.Props)}
	}
	if err := step("entities", `UNWIND $rows AS row CREATE (e:$(row.labels)) SET e = row.props`, entities); err != nil {
		return total, err
	}
	evidence := make([]any, len(ds.Evidence))
	for i, n := range ds.Evidence {
		evidence[i] = params(n.Props)
	}
	if err := step("evidence", `UNWIND $rows AS row CREATE (ev:`+export.EvidenceLabel+`) SET ev = row`, evidence); err != nil {
		return total, err
	}
	mentions := make([]any, len(ds.Mentions))
	for i, m := range ds.Mentions {
		mentions[i] = map[string]any{"from": m.From, "to": m.To, "props": params(m.Props)}
	}
	if err := step("mentions", `UNWIND $rows AS row
MATCH (a:`+graph.ArticleLabel+` {id: row.from})
MATCH (e:`+graph.EntityLabel+` {key: row.to})
CREATE (a)-[m:`+graph.MentionsType+`]->(e) SET m = row.props`, mentions); err != nil {
		return total, err
	}
	byType := map[string][]any{}
	for _, r := range ds.Rels {
		byType[r.Type] = append(byType[r.Type], map[string]any{"from": r.From, "to": r.To, "props": params(r.Props)})
	}
	for _, t := range sortedKeys(byType) {
		if _, err := graph.RelType(t); err != nil {
			return total, err
		}
		if err := step("relationships "+t, `UNWIND $rows AS row
MATCH (x:`+graph.EntityLabel+` {key: row.from})
MATCH (y:`+graph.EntityLabel+` {key: row.to})
CREATE (x)-[r:`+t+`]->(y) SET r = row.props`, byType[t]); err != nil {
			return total, err
		}
	}
	err = step("fingerprints", `UNWIND $rows AS row MATCH (a:`+graph.ArticleLabel+` {id: row.id}) SET a.fingerprint = row.fp`, fps)
	return total, err
}

// params turns export properties into driver parameters (dates as DATE values).
func params(ps export.Props) map[string]any {
	m := make(map[string]any, len(ps))
	for _, p := range ps {
		if d, ok := p.Value.(export.Date); ok {
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

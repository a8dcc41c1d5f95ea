package bench

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/schema"
)

// conn is the benchmark's own connection, for the reference loaders, the CSV ceiling and
// database-wide counts.
type conn struct {
	driver neo4j.DriverWithContext
	db     string
	// retries and deadlocks count repeated attempts of managed transactions and the
	// deadlock errors seen among their failures.
	retries, deadlocks atomic.Int64
}

func dial(ctx context.Context, c ConnConfig) (*conn, error) {
	d, err := neo4j.NewDriverWithContext(c.URI, neo4j.BasicAuth(c.Username, c.Password, ""), func(cf *config.Config) {
		cf.SocketConnectTimeout = 5 * time.Second
		cf.ConnectionAcquisitionTimeout = connectTimeout
		cf.TelemetryDisabled = true
	})
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", c.URI, err)
	}
	vctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	if err := d.VerifyConnectivity(vctx); err != nil {
		d.Close(ctx)
		return nil, fmt.Errorf("cannot reach Neo4j at %s: %w", c.URI, err)
	}
	db := c.Database
	if db == "" {
		db = "neo4j"
	}
	return &conn{driver: d, db: db}, nil
}

func (c *conn) close(ctx context.Context) { c.driver.Close(ctx) }

func (c *conn) session(ctx context.Context) neo4j.SessionWithContext {
	return c.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: c.db, AccessMode: neo4j.AccessModeWrite})
}

// stmt is one parameterised statement.
type stmt struct {
	cypher string
	params map[string]any
}

// written counts what statements created.
type written struct{ nodes, rels int64 }

// inTx runs the statements in one managed (retried) transaction, counting retries and deadlocks.
func (c *conn) inTx(ctx context.Context, sess neo4j.SessionWithContext, stmts []stmt) (written, error) {
	var w written
	attempt := 0
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		attempt++
		if attempt > 1 {
			c.retries.Add(1)
		}
		w = written{}
		for _, s := range stmts {
			res, err := tx.Run(ctx, s.cypher, s.params)
			if err != nil {
				c.noteDeadlock(err)
				return nil, err
			}
			sum, err := res.Consume(ctx)
			if err != nil {
				c.noteDeadlock(err)
				return nil, err
			}
			k := sum.Counters()
			w.nodes += int64(k.NodesCreated())
			w.rels += int64(k.RelationshipsCreated())
		}
		return nil, nil
	})
	return w, err
}

func (c *conn) noteDeadlock(err error) {
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && strings.Contains(ne.Code, "DeadlockDetected") {
		c.deadlocks.Add(1)
	}
}

// autoCommit runs one statement outside a managed transaction (needed for CALL { … } IN
// TRANSACTIONS) and returns its counters.
func (c *conn) autoCommit(ctx context.Context, cypher string, params map[string]any) (written, error) {
	sess := c.session(ctx)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, cypher, params)
	if err != nil {
		return written{}, err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return written{}, err
	}
	k := sum.Counters()
	return written{int64(k.NodesCreated()), int64(k.RelationshipsCreated())}, nil
}

// count returns the number of nodes and relationships in the database.
func (c *conn) count(ctx context.Context) (nodes, rels int64, err error) {
	sess := c.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: c.db, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	for _, q := range []struct {
		cypher string
		dst    *int64
	}{{"MATCH (n) RETURN count(n)", &nodes}, {"MATCH ()-[r]->() RETURN count(r)", &rels}} {
		res, err := sess.Run(ctx, q.cypher, nil)
		if err != nil {
			return 0, 0, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return 0, 0, err
		}
		*q.dst, _ = rec.Values[0].(int64)
	}
	return nodes, rels, nil
}

// refStatements is the reference loader's translation of one article graph: one statement
// per article, node, mention and relationship, as a straightforward loader writes them.
// It writes the same nodes, labels, relationships and evidence as dipgraph, without
// retraction of older versions and without recomputing aggregates.
func refStatements(ag *graph.ArticleGraph) ([]stmt, error) {
	a := ag.Article
	out := []stmt{{`MERGE (a:` + graph.ArticleLabel + ` {id: $id})
SET a.title = $title, a.source = $source, a.path = $path, a.fingerprint = $fp,
    a.published = CASE WHEN $published = '' THEN null ELSE date($published) END`,
		map[string]any{"id": a.ID, "title": a.Title, "source": a.Source, "path": a.Path, "fp": a.Fingerprint, "published": a.Published}}}
	for _, n := range ag.Nodes {
		labels, err := labelList(n)
		if err != nil {
			return nil, err
		}
		out = append(out, stmt{`MERGE (n:` + graph.EntityLabel + ` {key: $key})
ON CREATE SET n` + labels + `, n.name = $name, n.qid = $qid`,
			map[string]any{"key": n.Key, "name": n.Name, "qid": nullIfEmpty(n.QID)}})
	}
	for _, m := range ag.Mentions {
		out = append(out, stmt{`MATCH (a:` + graph.ArticleLabel + ` {id: $id})
MATCH (e:` + graph.EntityLabel + ` {key: $key})
MERGE (a)-[m:` + graph.MentionsType + `]->(e)
SET m.count = $count, m.forms = $forms`,
			map[string]any{"id": a.ID, "key": m.Key, "count": m.Count, "forms": m.Forms}})
	}
	for _, r := range ag.Rels {
		t, err := graph.RelType(r.Type)
		if err != nil {
			return nil, err
		}
		out = append(out, stmt{`MATCH (x:` + graph.EntityLabel + ` {key: $from})
MATCH (y:` + graph.EntityLabel + ` {key: $to})
MERGE (x)-[r:` + "`" + t + "`" + ` {status: $status}]->(y)
ON CREATE SET r.role = $role, r.key = $key, r.mention_count = 0
SET r.mention_count = r.mention_count + $n`,
			map[string]any{"from": r.From, "to": r.To, "status": r.Status, "role": nullIfEmpty(r.Role),
				"key": r.ID(), "n": len(r.Evidence)}})
		for _, e := range r.Evidence {
			out = append(out, stmt{`CREATE (ev:` + schema.Evidence + `) SET ev = $props`,
				map[string]any{"props": schema.EvidenceProps(r, e).Map()}})
		}
	}
	return out, nil
}

// labelList returns the node's labels after the common :Entity one, as ":`Event`:`Ceasefire`".
func labelList(n graph.Node) (string, error) {
	var b strings.Builder
	for _, l := range n.Labels()[1:] {
		if _, err := graph.Label(l); err != nil {
			return "", fmt.Errorf("node %s: %w", n.Key, err)
		}
		b.WriteString(":`" + l + "`")
	}
	return b.String(), nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

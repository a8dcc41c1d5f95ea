package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/dipgraph/dipgraph/internal/schema"
	"github.com/dipgraph/dipgraph/internal/store"
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string
	Username string
	Password string
	Database string
	// ConnectTimeout bounds the wait for an unreachable server (default 15s).
	ConnectTimeout time.Duration
	// BulkWriters is how many transactions a bulk load (BulkCreate) runs at a time
	// (default DefaultBulkWriters).
	BulkWriters int
}

// Store writes article graphs to Neo4j and runs read queries on it.
type Store struct {
	driver neo4j.DriverWithContext
	cfg    Config
}

// Counters sum what a write changed (store.Counters, which callers read without
// importing this package).
type Counters = store.Counters

// ErrUnreachable, ErrAuth and ErrNoDatabase classify connection failures for callers;
// the first two are those of package store.
var (
	ErrUnreachable = store.ErrUnreachable
	ErrAuth        = store.ErrAuth
	ErrNoDatabase  = errors.New("database not found")
	ErrWriteQuery  = errors.New("query tries to write")
)

// Open connects to Neo4j and checks that the server answers, the credentials are accepted
// and the database exists, within cfg.ConnectTimeout.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 15 * time.Second
	}
	u, err := url.Parse(cfg.URI)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("NEO4J_URI %q is not a URI like neo4j://localhost:7687", cfg.URI)
	}
	switch u.Scheme {
	case "neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc":
	default:
		return nil, fmt.Errorf("NEO4J_URI %q: scheme must be neo4j, neo4j+s, bolt or bolt+s", cfg.URI)
	}
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""),
		func(c *config.Config) {
			c.SocketConnectTimeout = 5 * time.Second
			c.ConnectionAcquisitionTimeout = cfg.ConnectTimeout
			c.MaxTransactionRetryTime = 60 * time.Second
			c.TelemetryDisabled = true
		})
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", cfg.URI, err)
	}
	s := &Store{driver: d, cfg: cfg}
	vctx, cancel := context.WithTimeout(ctx, cfg.ConnectTimeout)
	defer cancel()
	err = d.VerifyConnectivity(vctx)
	var rows []Row
	if err == nil {
		// Ask the database itself, so an unknown database or a bad password shows now.
		rows, err = s.read(vctx, "CALL dbms.components() YIELD versions RETURN versions[0]", nil)
	}
	if err != nil {
		d.Close(ctx)
		return nil, s.explain(err)
	}
	if len(rows) > 0 {
		v, _ := rows[0].Values[0].(string)
		if err := checkVersion(v); err != nil {
			d.Close(ctx)
			return nil, fmt.Errorf("%w: Neo4j at %s", err, cfg.URI)
		}
	}
	return s, nil
}

// MinVersion is the oldest Neo4j the store works with: its statements use dynamic labels
// and types ($(…)) and CALL subqueries with scope clauses, both of Neo4j 5.26.
const MinVersion = "5.26"

// ErrTooOld says the server is older than MinVersion.
var ErrTooOld = errors.New("server too old")

// checkVersion accepts versions like "5.26.5", "2025.10.1" and "5.27-aura".
func checkVersion(v string) error {
	major, minor, ok := parseVersion(v)
	if !ok {
		return nil // an unknown format is let through: the statements themselves will tell
	}
	wantMajor, wantMinor, _ := parseVersion(MinVersion)
	if major < wantMajor || major == wantMajor && minor < wantMinor {
		return fmt.Errorf("%w: version %s, dipgraph needs %s or newer (5.26 LTS or a 2025 calendar release)", ErrTooOld, v, MinVersion)
	}
	return nil
}

func parseVersion(v string) (major, minor int, ok bool) {
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == '.' || r == '-' })
	if len(parts) < 2 {
		return 0, 0, false
	}
	var err1, err2 error
	major, err1 = strconv.Atoi(parts[0])
	minor, err2 = strconv.Atoi(parts[1])
	return major, minor, err1 == nil && err2 == nil
}

// Close releases the connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// explain turns driver errors into messages that say what to do.
func (s *Store) explain(err error) error {
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case strings.Contains(ne.Code, "Security.Unauthorized") || strings.Contains(ne.Code, "AuthenticationRateLimit"):
			return fmt.Errorf("%w: Neo4j at %s refused the credentials of user %q; check NEO4J_USERNAME and NEO4J_PASSWORD", ErrAuth, s.cfg.URI, s.cfg.Username)
		case strings.Contains(ne.Code, "DatabaseNotFound"):
			return fmt.Errorf("%w: Neo4j at %s has no database %q; check NEO4J_DATABASE", ErrNoDatabase, s.cfg.URI, s.cfg.Database)
		case strings.Contains(ne.Code, "ForbiddenDueToTransactionType") || strings.Contains(ne.Code, "AccessMode") || strings.Contains(ne.Msg, "Writing in read access mode"):
			return fmt.Errorf("%w: saved queries run read-only (%s)", ErrWriteQuery, ne.Msg)
		}
		return serverError{ne}
	}
	// The driver's connectivity errors (ConnectivityError, ReadRoutingTableError) keep the
	// dial error only in their text, not as a wrapped error: the cause is read from it.
	var ce *neo4j.ConnectivityError
	var tl *neo4j.TransactionExecutionLimit
	if errors.As(err, &ce) || errors.As(err, &tl) || errors.Is(err, context.DeadlineExceeded) ||
		strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "ConnectivityError") {
		cause := err.Error()
		if strings.Contains(cause, "connection refused") {
			cause = "connection refused"
		} else if errors.Is(err, context.DeadlineExceeded) || strings.Contains(cause, "deadline exceeded") || strings.Contains(cause, "Timeout while waiting") {
			cause = fmt.Sprintf("no answer within %s", s.cfg.ConnectTimeout)
		}
		return fmt.Errorf("%w at %s: %s — start it with `make neo4j-up` or `docker compose up -d`", ErrUnreachable, s.cfg.URI, cause)
	}
	return err
}

// serverError is an error the server reported, as the store words it; the driver's error
// stays beneath it, for errors.As.
type serverError struct{ err *neo4j.Neo4jError }

func (e serverError) Error() string { return fmt.Sprintf("neo4j: %s (%s)", e.err.Msg, e.err.Code) }
func (e serverError) Unwrap() error { return e.err }

func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: mode})
}

// Row is one result row, columns in order.
type Row struct {
	Keys   []string
	Values []any
}

// Read runs a read-only query and returns its rows. A query that tries to write fails
// with ErrWriteQuery.
func (s *Store) Read(ctx context.Context, cypher string, params map[string]any) ([]Row, error) {
	rows, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, s.explain(err)
	}
	return rows, nil
}

func (s *Store) read(ctx context.Context, cypher string, params map[string]any) ([]Row, error) {
	var rows []Row
	err := s.stream(ctx, cypher, params, func() { rows = nil }, func(r *neo4j.Record) error {
		vals := make([]any, len(r.Values))
		for i, v := range r.Values {
			vals[i] = plain(v)
		}
		rows = append(rows, Row{Keys: r.Keys, Values: vals})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// stream runs a read query in a managed read transaction and hands each record to fn,
// without holding the result in memory. The transaction is retried on transient errors:
// start is called before each attempt, to forget what an earlier one handed over.
func (s *Store) stream(ctx context.Context, cypher string, params map[string]any, start func(), fn func(*neo4j.Record) error) error {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		start()
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			if err := fn(res.Record()); err != nil {
				return nil, err
			}
		}
		return nil, res.Err()
	})
	return err
}

// write runs fn in a managed write transaction, retried on transient errors, and returns
// the counters of the attempt that committed.
func (s *Store) write(ctx context.Context, fn func(run runFunc) error) (Counters, error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	var c Counters
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		c = Counters{}
		run := func(cypher string, params map[string]any) ([]Row, error) {
			res, err := tx.Run(ctx, cypher, params)
			if err != nil {
				return nil, err
			}
			var rows []Row
			for res.Next(ctx) {
				r := res.Record()
				rows = append(rows, Row{Keys: r.Keys, Values: r.Values})
			}
			sum, err := res.Consume(ctx)
			if err != nil {
				return nil, err
			}
			k := sum.Counters()
			c.Add(Counters{NodesCreated: k.NodesCreated(), NodesDeleted: k.NodesDeleted(), RelationshipsCreated: k.RelationshipsCreated(),
				RelationshipsDeleted: k.RelationshipsDeleted(), PropertiesSet: k.PropertiesSet()})
			return rows, nil
		}
		return nil, fn(run)
	})
	if err != nil {
		return Counters{}, s.explain(err)
	}
	return c, nil
}

// EnsureSchema creates the constraints and indexes every load relies on. It is idempotent.
func (s *Store) EnsureSchema(ctx context.Context) error {
	stmts := append(slices.Clone(schema.Constraints),
		"CREATE CONSTRAINT dipgraph_bulk_load IF NOT EXISTS FOR (b:"+bulkLabel+") REQUIRE b.id IS UNIQUE")
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	for _, q := range stmts {
		if _, err := sess.Run(ctx, q, nil); err != nil {
			return fmt.Errorf("create schema: %w", s.explain(err))
		}
	}
	if _, err := sess.Run(ctx, "CALL db.awaitIndexes(60)", nil); err != nil {
		return fmt.Errorf("wait for indexes: %w", s.explain(err))
	}
	return nil
}

// Clear deletes every node and relationship (not the schema). For tests and benchmarks.
func (s *Store) Clear(ctx context.Context) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("clear database: %w", s.explain(err))
	}
	return nil
}

// Fingerprints returns the stored fingerprint of each of the articles that exist.
func (s *Store) Fingerprints(ctx context.Context, ids []string) (map[string]string, error) {
	rows, err := s.read(ctx, "UNWIND $ids AS id MATCH (a:"+schema.Article+" {id: id}) WHERE a.fingerprint IS NOT NULL RETURN a.id, a.fingerprint", map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("read fingerprints: %w", s.explain(err))
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		id, _ := r.Values[0].(string)
		fp, _ := r.Values[1].(string)
		out[id] = fp
	}
	return out, nil
}

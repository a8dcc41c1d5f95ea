package neo4jstore

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/dipgraph/dipgraph/internal/schema"
)

// Fingerprint is a hash of the whole stored graph, independent of internal ids, of the
// order things were written in and of the order of evidence.
type Fingerprint struct {
	Hash        string
	Nodes, Rels int
	Articles    int
}

// String is the line `dipgraph fingerprint` prints.
func (f Fingerprint) String() string {
	return fmt.Sprintf("%s  %d nodes, %d relationships, %d articles", f.Hash, f.Nodes, f.Rels, f.Articles)
}

// GraphFingerprint hashes every node (labels and properties) and every relationship (type,
// the keys of its ends and its properties). A node is named by its key (entities) or id
// (articles) in the relationships that touch it. Every :Evidence node is a node line of its
// own, so the hash does not depend on the order evidence was added in; lists are hashed
// as stored. One property is left out: an article's source_digest, which says what bytes
// it was read from (an export does not carry it, and one article read from a brat pair
// or a JSON Lines file gives one graph under two digests), not what the graph holds.
func (s *Store) GraphFingerprint(ctx context.Context) (Fingerprint, error) {
	lines, fp, err := s.graphLines(ctx)
	if err != nil {
		return fp, err
	}
	h := sha256.New()
	for _, l := range lines {
		io.WriteString(h, l)
		h.Write([]byte{'\n'})
	}
	fp.Hash = hex.EncodeToString(h.Sum(nil))
	return fp, nil
}

// GraphDump returns the sorted canonical lines GraphFingerprint hashes, one per node and
// relationship, to find where two databases differ (`dipgraph fingerprint --dump`).
func (s *Store) GraphDump(ctx context.Context) ([]string, error) {
	lines, _, err := s.graphLines(ctx)
	return lines, err
}

func (s *Store) graphLines(ctx context.Context) ([]string, Fingerprint, error) {
	var lines []string
	fp := Fingerprint{}
	err := s.stream(ctx, `MATCH (n) RETURN labels(n), properties(n)`, nil, func() { lines, fp = nil, Fingerprint{} }, func(rec *neo4j.Record) error {
		vals := rec.Values
		ls := slices.Sorted(slices.Values(schema.Strings(vals[0])))
		props, _ := vals[1].(map[string]any)
		if slices.Contains(ls, schema.Article) {
			delete(props, schema.SourceDigest)
		}
		lines = append(lines, "N "+strings.Join(ls, ":")+" "+canonProps(props))
		fp.Nodes++
		if slices.Contains(ls, schema.Article) {
			fp.Articles++
		}
		return nil
	})
	if err != nil {
		return nil, fp, fmt.Errorf("read nodes: %w", s.explain(err))
	}
	nodes := len(lines)
	err = s.stream(ctx, `MATCH (a)-[r]->(b)
RETURN type(r), coalesce(a.key, 'article:' + a.id), coalesce(b.key, 'article:' + b.id), properties(r)`, nil, func() {
		lines, fp.Rels = lines[:nodes], 0
	}, func(rec *neo4j.Record) error {
		vals := rec.Values
		t, _ := vals[0].(string)
		from, _ := vals[1].(string)
		to, _ := vals[2].(string)
		props, _ := vals[3].(map[string]any)
		lines = append(lines, "R "+t+" "+strconv.Quote(from)+" "+strconv.Quote(to)+" "+canonProps(props))
		fp.Rels++
		return nil
	})
	if err != nil {
		return nil, fp, fmt.Errorf("read relationships: %w", s.explain(err))
	}
	slices.Sort(lines)
	return lines, fp, nil
}

// canonProps renders properties with sorted keys and typed values.
func canonProps(props map[string]any) string {
	var b strings.Builder
	b.WriteString("{")
	for i, k := range slices.Sorted(maps.Keys(props)) {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(strconv.Quote(k))
		b.WriteString(":")
		b.WriteString(canon(props[k]))
	}
	b.WriteString("}")
	return b.String()
}

// canon renders one value with its type, so "1" (string), 1 (integer) and 1.0 (float)
// differ, and so do a date and the string of that date.
func canon(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		b, _ := json.Marshal(x)
		return string(b)
	case int64:
		return "i" + strconv.FormatInt(x, 10)
	case float64:
		if math.IsNaN(x) {
			return "fNaN"
		}
		return "f" + strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case dbtype.Date:
		return "date(" + time.Time(x).Format("2006-01-02") + ")"
	case dbtype.LocalDateTime:
		return "localdatetime(" + time.Time(x).Format(time.RFC3339Nano) + ")"
	case time.Time:
		return "datetime(" + x.Format(time.RFC3339Nano) + ")"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = canon(e)
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	return fmt.Sprintf("%T(%v)", v, v)
}

// Stats are the counts `dipgraph stats` prints.
type Stats struct {
	Labels        map[string]int64
	RelTypes      map[string]int64
	Articles      int64
	NewestArticle string // publication date of the newest article, "" when none has one
}

// Stats counts nodes per label, relationships per type and articles, and finds the newest
// publication date.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Labels: map[string]int64{}, RelTypes: map[string]int64{}}
	var err error
	if st.Labels, err = s.counts(ctx, `CALL db.labels() YIELD label
CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS c }
RETURN label, c`); err != nil {
		return st, fmt.Errorf("count labels: %w", err)
	}
	if st.RelTypes, err = s.counts(ctx, `CALL db.relationshipTypes() YIELD relationshipType AS t
CALL (t) { MATCH ()-[r]->() WHERE type(r) = t RETURN count(r) AS c }
RETURN t, c`); err != nil {
		return st, fmt.Errorf("count relationship types: %w", err)
	}
	rows, err := s.read(ctx, `MATCH (a:`+schema.Article+`) RETURN count(a), max(a.published)`, nil)
	if err != nil {
		return st, fmt.Errorf("count articles: %w", s.explain(err))
	}
	if len(rows) > 0 {
		st.Articles, _ = rows[0].Values[0].(int64)
		st.NewestArticle, _ = rows[0].Values[1].(string)
	}
	return st, nil
}

// counts runs a query of (name, count) rows and returns the counts above zero by name.
func (s *Store) counts(ctx context.Context, cypher string) (map[string]int64, error) {
	rows, err := s.read(ctx, cypher, nil)
	if err != nil {
		return nil, s.explain(err)
	}
	out := map[string]int64{}
	for _, r := range rows {
		name, _ := r.Values[0].(string)
		if c, _ := r.Values[1].(int64); c > 0 {
			out[name] = c
		}
	}
	return out, nil
}

// ExecScript runs a script of `;`-terminated Cypher statements, one per line (lines
// starting with // are comments), as the Cypher export writes it: schema statements alone,
// the others in write transactions of up to 1000 statements.
func (s *Store) ExecScript(ctx context.Context, r io.Reader) (Counters, error) {
	var total Counters
	var pending []string
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		stmts := pending
		pending = nil
		c, err := s.write(ctx, func(run runFunc) error {
			for _, q := range stmts {
				if _, err := run(q, nil); err != nil {
					return fmt.Errorf("%s: %w", abbreviate(q), err)
				}
			}
			return nil
		})
		total.Add(c)
		return err
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		q := strings.TrimSpace(sc.Text())
		if q == "" || strings.HasPrefix(q, "//") {
			continue
		}
		if !strings.HasSuffix(q, ";") {
			return total, fmt.Errorf("line %d: statement does not end with ;", line)
		}
		q = strings.TrimSuffix(q, ";")
		if schemaStatement(q) {
			if err := flush(); err != nil {
				return total, err
			}
			sess := s.session(ctx, neo4j.AccessModeWrite)
			res, err := sess.Run(ctx, q, nil)
			if err == nil {
				_, err = res.Consume(ctx)
			}
			sess.Close(ctx)
			if err != nil {
				return total, fmt.Errorf("line %d: %w", line, s.explain(err))
			}
			continue
		}
		pending = append(pending, q)
		if len(pending) >= 1000 {
			if err := flush(); err != nil {
				return total, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return total, err
	}
	return total, flush()
}

func abbreviate(q string) string {
	if len(q) > 80 {
		return q[:80] + "…"
	}
	return q
}

// schemaStatement reports whether q changes the schema, which Neo4j runs in a transaction
// of its own.
func schemaStatement(q string) bool {
	for _, p := range []string{"CREATE CONSTRAINT", "CREATE INDEX", "CREATE FULLTEXT INDEX", "CREATE RANGE INDEX",
		"CREATE TEXT INDEX", "CREATE POINT INDEX", "CREATE LOOKUP INDEX", "CREATE VECTOR INDEX"} {
		if strings.HasPrefix(q, p) {
			return true
		}
	}
	return false
}

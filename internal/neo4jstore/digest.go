package neo4jstore

import (
	"context"
	"fmt"

	"github.com/dipgraph/dipgraph/internal/schema"
	"github.com/dipgraph/dipgraph/internal/store"
)

// ArticlesByDigest returns the id of the stored article that carries each of the source
// digests, for the digests that one complete article carries (one with its fingerprint:
// an interrupted bulk load leaves articles without one, which are to be replaced). A
// digest that two articles carry is left out, so that its sources are read. The answer
// is one record, a list of [digest, id] pairs: a record per pair costs the client more
// than the lookup costs the server.
func (s *Store) ArticlesByDigest(ctx context.Context, digests []string) (map[string]string, error) {
	rows, err := s.read(ctx, `UNWIND $digests AS d
MATCH (a:`+schema.Article+` {`+schema.SourceDigest+`: d})
WHERE a.fingerprint IS NOT NULL
RETURN collect([d, a.id]) AS pairs`, map[string]any{"digests": digests})
	if err != nil {
		return nil, fmt.Errorf("read source digests: %w", s.explain(err))
	}
	var pairs []any
	if len(rows) > 0 {
		pairs, _ = rows[0].Values[0].([]any)
	}
	out := make(map[string]string, len(pairs))
	twice := map[string]bool{}
	for _, p := range pairs {
		pair, _ := p.([]any)
		if len(pair) != 2 {
			continue
		}
		d, _ := pair[0].(string)
		id, _ := pair[1].(string)
		if _, ok := out[d]; ok || twice[d] {
			twice[d] = true
			delete(out, d)
			continue
		}
		out[d] = id
	}
	return out, nil
}

// SetSourceDigests records the source digest of stored articles, each only while the
// article still has the fingerprint given (another writer may have replaced it since).
// It creates and deletes nothing.
func (s *Store) SetSourceDigests(ctx context.Context, ds []store.SourceDigest) error {
	rows := make([]map[string]any, len(ds))
	for i, d := range ds {
		rows[i] = map[string]any{"id": d.ID, "fp": d.Fingerprint, "digest": d.Digest}
	}
	_, err := s.write(ctx, func(run runFunc) error {
		_, err := run(`UNWIND $rows AS row
MATCH (a:`+schema.Article+` {id: row.id})
WHERE a.fingerprint = row.fp
SET a.`+schema.SourceDigest+` = row.digest`, map[string]any{"rows": rows})
		return err
	})
	if err != nil {
		return fmt.Errorf("record source digests: %w", err)
	}
	return nil
}

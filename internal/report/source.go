package report

import (
	"context"
	"fmt"

	"github.com/dipgraph/dipgraph/internal/neo4jstore"
	"github.com/dipgraph/dipgraph/queries"
)

// Reader runs read-only Cypher; *neo4jstore.Store is one.
type Reader interface {
	Read(ctx context.Context, cypher string, params map[string]any) ([]neo4jstore.Row, error)
}

var _ Reader = (*neo4jstore.Store)(nil)

// Source is the report's one read layer: everything about relationships and their
// evidence comes through saved queries (allies-adversaries, spoke-with, dyad-balance,
// evidence, roles, blocs, brokers), so a change in how evidence is stored reaches the
// report with the queries. Only the actor's own node and articles' metadata are read
// directly.
type Source struct {
	DB      Reader
	Queries *queries.Set
}

// Rows runs the saved query name with key=value parameters and returns its rows as maps.
func (s Source) Rows(ctx context.Context, name string, params ...string) ([]map[string]any, error) {
	q, err := s.Queries.Get(name)
	if err != nil {
		return nil, err
	}
	bound, err := q.BindParams(params)
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", name, err)
	}
	rows, err := s.DB.Read(ctx, q.Body, bound)
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", name, err)
	}
	return rowMaps(rows), nil
}

func rowMaps(rows []neo4jstore.Row) []map[string]any {
	out := make([]map[string]any, len(rows))
	for i, r := range rows {
		m := make(map[string]any, len(r.Keys))
		for j, k := range r.Keys {
			m[k] = r.Values[j]
		}
		out[i] = m
	}
	return out
}

// ErrNoActor says no entity answers to the name.
var ErrNoActor = fmt.Errorf("no actor")

// actor finds the entity the saved queries would find for name (key, name, alias or
// alternative name, in any case) and returns its display name and kind.
func (s Source) actor(ctx context.Context, name string) (display, kind string, err error) {
	rows, err := s.DB.Read(ctx, `CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($actor, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $actor OR toLower(a.name) = toLower($actor)
   OR any(x IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($actor))
RETURN a.name, [l IN labels(a) WHERE NOT l IN ['Entity', 'Event'] AND NOT l STARTS WITH 'Bloc'][0], a.mention_count
ORDER BY a.mention_count DESC LIMIT 1`, map[string]any{"actor": name})
	if err != nil {
		return "", "", fmt.Errorf("find actor: %w", err)
	}
	if len(rows) == 0 {
		return "", "", fmt.Errorf("%w %q in the graph (try its name, an alias or its key, as in `dipgraph query run allies-adversaries --param actor=…`)", ErrNoActor, name)
	}
	display, _ = rows[0].Values[0].(string)
	kind, _ = rows[0].Values[1].(string)
	return display, kind, nil
}

// articles returns the metadata (title, url, source) of the articles with these ids.
func (s Source) articles(ctx context.Context, ids []string) (map[string]Article, error) {
	rows, err := s.DB.Read(ctx, `MATCH (a:Article) WHERE a.id IN $ids RETURN a.id, a.title, a.url, a.source, toString(a.published)`, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("read articles: %w", err)
	}
	out := map[string]Article{}
	for _, r := range rows {
		var a Article
		a.ID, _ = r.Values[0].(string)
		a.Title, _ = r.Values[1].(string)
		a.URL, _ = r.Values[2].(string)
		a.Source, _ = r.Values[3].(string)
		a.Published, _ = r.Values[4].(string)
		out[a.ID] = a
	}
	return out, nil
}

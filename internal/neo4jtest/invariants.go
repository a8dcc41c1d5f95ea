package neo4jtest

import (
	"context"
	"testing"

	"github.com/dipgraph/dipgraph/internal/neo4jstore"
)

// invariants are queries that return a row for each place where the stored aggregates
// disagree with what they aggregate; a correct graph gives none.
var invariants = []struct{ what, cypher string }{
	{"relationships whose counts disagree with their evidence", `MATCH ()-[r]->() WHERE r.key IS NOT NULL
WITH r, COLLECT { MATCH (ev:Evidence {rel: r.key}) RETURN ev.article } AS arts
WITH r, size(arts) AS n, size(COLLECT { UNWIND arts AS a RETURN DISTINCT a }) AS d
WHERE n <> r.mention_count OR d <> r.article_count
RETURN r.key AS key, r.mention_count AS mentions, n, r.article_count AS articles, d`},
	{"relationships whose sources disagree with their evidence", `MATCH ()-[r]->() WHERE r.key IS NOT NULL
WITH r, COLLECT { MATCH (ev:Evidence {rel: r.key}) WHERE ev.source IS NOT NULL RETURN DISTINCT ev.source AS s ORDER BY s } AS srcs
WHERE coalesce(r.sources, []) <> srcs
RETURN r.key AS key, r.sources AS sources, srcs`},
	{"evidence whose source is not its article's", `MATCH (ev:Evidence)
MATCH (a:Article {id: ev.article})
WHERE coalesce(ev.source, '') <> coalesce(a.source, '')
RETURN ev.rel AS rel, ev.article AS article, ev.source AS source, a.source AS article_source`},
	{"evidence of no relationship", `MATCH (ev:Evidence)
WHERE NOT EXISTS { MATCH ()-[r]->() WHERE r.key = ev.rel }
RETURN ev.rel AS rel, ev.article AS article`},
	{"evidence of an article not stored", `MATCH (ev:Evidence)
WHERE NOT EXISTS { MATCH (a:Article {id: ev.article}) }
RETURN ev.rel AS rel, ev.article AS article`},
	{"entities that no article mentions", `MATCH (e:Entity) WHERE NOT EXISTS { MATCH (:Article)-[:MENTIONS]->(e) }
RETURN e.key AS key`},
	{"entities whose counts disagree with their mentions", `MATCH (e:Entity)
WITH e, COLLECT { MATCH (a:Article)-[m:MENTIONS]->(e) RETURN m.count } AS counts
WITH e, size(counts) AS n, reduce(s = 0, c IN counts | s + c) AS total
WHERE n <> e.article_count OR total <> e.mention_count
RETURN e.key AS key, e.article_count AS articles, n, e.mention_count AS mentions, total`},
	{"entities whose max_article_id is not their greatest mentioning article", `MATCH (e:Entity)
WHERE e.max_article_id <> COLLECT { MATCH (a:Article)-[:MENTIONS]->(e) RETURN a.id ORDER BY a.id DESC LIMIT 1 }[0]
RETURN e.key AS key, e.max_article_id AS got`},
}

// CheckInvariants fails the test for every place where what the store keeps on a node or
// relationship (counts, max_article_id) disagrees with the nodes and edges it sums up, or
// where evidence or an entity is left without what it belongs to.
func CheckInvariants(t testing.TB, st *neo4jstore.Store) {
	t.Helper()
	for _, inv := range invariants {
		rows, err := st.Read(context.Background(), inv.cypher, nil)
		if err != nil {
			t.Fatalf("check %s: %v", inv.what, err)
		}
		if len(rows) > 0 {
			t.Errorf("%d %s, e.g. %v = %v", len(rows), inv.what, rows[0].Keys, rows[0].Values)
		}
	}
}

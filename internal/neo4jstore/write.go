package neo4jstore

import (
	"context"
	"fmt"
	"sort"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/export"
)

// The write path, in one transaction per batch of articles:
//
//  1. lock the batch's :Article nodes in id order, so two writers of one article take turns;
//  2. read the entities the stored versions of these articles mention, and lock (or
//     create) every entity the transaction will touch, in key order: two transactions that
//     share entities queue on the first shared one instead of deadlocking;
//  3. retract what earlier versions of these articles contributed (their evidence on
//     relationships, their MENTIONS), so a changed article replaces itself;
//  4. write the articles, their MENTIONS (each carrying what that article says about the
//     entity: name, label, QID, properties) and the relationships between endpoints bound
//     by key, evidence appended;
//  5. recompute every touched entity from the MENTIONS that remain, with graph.Merge over
//     the mentioning articles in id order, and delete the entities no article mentions.
//
// Step 5 makes an entity a function of the set of articles that mention it, not of the
// order they were loaded in: an interrupted and resumed run, two concurrent runs and a
// single run end with the same graph, and the exporters (which call graph.Merge on the
// same articles in the same order) write exactly what the store holds.
//
// Labels and relationship types cannot be parameters, so they are checked against the
// identifier patterns of package graph before they are put in a statement; every value
// travels as a parameter.

// WriteArticles writes the contributions of a batch of articles in one transaction: all of
// them or none. Articles with the same id as stored ones replace them.
func (s *Store) WriteArticles(ctx context.Context, parts []*graph.ArticleGraph) (Counters, error) {
	p, err := buildWrite(parts)
	if err != nil {
		return Counters{}, err
	}
	return s.write(ctx, func(run runFunc) error {
		return p.exec(run)
	})
}

// Retract removes articles and everything only they supported. Shared entities and other
// articles' evidence stay; aggregates are recomputed. It returns how many of the articles
// were stored.
func (s *Store) Retract(ctx context.Context, ids []string) (Counters, int, error) {
	ids = sortedSet(ids)
	found := 0
	c, err := s.write(ctx, func(run runFunc) error {
		rows, err := run(`UNWIND $ids AS id MATCH (a:`+graph.ArticleLabel+` {id: id}) SET a._lock = true REMOVE a._lock RETURN count(a)`, map[string]any{"ids": ids})
		if err != nil {
			return fmt.Errorf("lock articles: %w", err)
		}
		found = 0
		if len(rows) > 0 {
			n, _ := rows[0].Values[0].(int64)
			found = int(n)
		}
		old, err := mentionedKeys(run, ids)
		if err != nil {
			return err
		}
		if err := lockEntities(run, old, false); err != nil {
			return err
		}
		if err := retract(run, ids); err != nil {
			return err
		}
		if _, err := run(`UNWIND $ids AS id MATCH (a:`+graph.ArticleLabel+` {id: id}) DETACH DELETE a`, map[string]any{"ids": ids}); err != nil {
			return fmt.Errorf("delete articles: %w", err)
		}
		return recompute(run, old)
	})
	return c, found, err
}

type runFunc func(cypher string, params map[string]any) ([]Row, error)

type stmt struct {
	cypher string
	params map[string]any
}

type writePlan struct {
	ids      []string
	articles []any
	mentions []any
	rels     []stmt
	keys     []string
}

func (p *writePlan) exec(run runFunc) error {
	ids := map[string]any{"ids": p.ids}
	if _, err := run(`UNWIND $ids AS id MERGE (a:`+graph.ArticleLabel+` {id: id}) SET a._lock = true REMOVE a._lock`, ids); err != nil {
		return fmt.Errorf("lock articles: %w", err)
	}
	old, err := mentionedKeys(run, p.ids)
	if err != nil {
		return err
	}
	keys := sortedSet(append(old, p.keys...))
	if err := lockEntities(run, keys, true); err != nil {
		return err
	}
	if err := retract(run, p.ids); err != nil {
		return err
	}
	if _, err := run(`UNWIND $rows AS row MATCH (a:`+graph.ArticleLabel+` {id: row.id})
SET a.title = row.title, a.source = row.source, a.url = row.url, a.path = row.path,
    a.published = CASE WHEN row.published = '' THEN null ELSE date(row.published) END,
    a.fingerprint = row.fingerprint`, map[string]any{"rows": p.articles}); err != nil {
		return fmt.Errorf("write articles: %w", err)
	}
	if _, err := run(`UNWIND $rows AS row
MATCH (a:`+graph.ArticleLabel+` {id: row.article})
MATCH (e:`+graph.EntityLabel+` {key: row.key})
CREATE (a)-[m:`+graph.MentionsType+`]->(e)
SET m = row.props`, map[string]any{"rows": p.mentions}); err != nil {
		return fmt.Errorf("write mentions: %w", err)
	}
	for _, st := range p.rels {
		if _, err := run(st.cypher, st.params); err != nil {
			return fmt.Errorf("write relationships: %w", err)
		}
	}
	return recompute(run, keys)
}

// mentionedKeys returns the keys of the entities the stored articles ids mention.
func mentionedKeys(run runFunc, ids []string) ([]string, error) {
	rows, err := run(`UNWIND $ids AS id
MATCH (:`+graph.ArticleLabel+` {id: id})-[:`+graph.MentionsType+`]->(e:`+graph.EntityLabel+`)
RETURN DISTINCT e.key`, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("read mentioned entities: %w", err)
	}
	keys := make([]string, 0, len(rows))
	for _, r := range rows {
		if k, ok := r.Values[0].(string); ok {
			keys = append(keys, k)
		}
	}
	return keys, nil
}

// lockEntities takes the write lock of every entity in keys, in the order given (sorted),
// creating the missing ones when create is set.
func lockEntities(run runFunc, keys []string, create bool) error {
	if len(keys) == 0 {
		return nil
	}
	verb := "MATCH"
	if create {
		verb = "MERGE"
	}
	if _, err := run(`UNWIND $keys AS k `+verb+` (e:`+graph.EntityLabel+` {key: k}) SET e._lock = true REMOVE e._lock`, map[string]any{"keys": keys}); err != nil {
		return fmt.Errorf("lock entities: %w", err)
	}
	return nil
}

// retract removes the evidence and MENTIONS of articles ids.
func retract(run runFunc, ids []string) error {
	params := map[string]any{"ids": ids}
	_, err := run(`UNWIND $ids AS id
MATCH (a:`+graph.ArticleLabel+` {id: id})-[:`+graph.MentionsType+`]->(x:`+graph.EntityLabel+`)
MATCH (x)-[r]->(:`+graph.EntityLabel+`)
WHERE id IN r.articles
WITH r, collect(DISTINCT id) AS gone
WITH r, gone, r.ev_article AS ea, r.ev_published AS ep, r.ev_sentence AS es, r.ev_spans AS esp, r.ev_text AS et,
     r.ev_date AS ed, r.ev_event AS ee
WITH r, ea, ep, es, esp, et, ed, ee, [i IN range(0, size(ea) - 1) WHERE NOT ea[i] IN gone] AS keep
SET r.ev_article = [i IN keep | ea[i]], r.ev_published = [i IN keep | ep[i]],
    r.ev_sentence = [i IN keep | es[i]], r.ev_spans = [i IN keep | esp[i]], r.ev_text = [i IN keep | et[i]],
    r.ev_date = [i IN keep | ed[i]], r.ev_event = [i IN keep | ee[i]]
WITH r, size(keep) AS left
CALL (r, left) {
  WITH r WHERE left = 0
  DELETE r
}
WITH r, left WHERE left > 0
`+relAggregates, params)
	if err != nil {
		return fmt.Errorf("retract evidence: %w", err)
	}
	if _, err := run(`UNWIND $ids AS id
MATCH (:`+graph.ArticleLabel+` {id: id})-[m:`+graph.MentionsType+`]->(:`+graph.EntityLabel+`)
DELETE m`, params); err != nil {
		return fmt.Errorf("retract mentions: %w", err)
	}
	return nil
}

// relAggregates recomputes a relationship's aggregates from its evidence arrays, as
// export.RelProps does from graph.Merge's evidence.
const relAggregates = `CALL (r) {
  UNWIND r.ev_article AS x
  WITH DISTINCT x ORDER BY x
  RETURN collect(x) AS arts
}
WITH r, arts, [d IN r.ev_published WHERE d <> ''] AS dates, [d IN r.ev_date WHERE d <> ''] AS when
SET r.articles = arts, r.article_count = size(arts), r.mention_count = size(r.ev_article),
    r.date = CASE WHEN size(when) = 0 THEN null ELSE reduce(m = when[0], d IN when | CASE WHEN d < m THEN d ELSE m END) END,
    r.first_seen = CASE WHEN size(dates) = 0 THEN null ELSE date(reduce(m = dates[0], d IN dates | CASE WHEN d < m THEN d ELSE m END)) END,
    r.last_seen = CASE WHEN size(dates) = 0 THEN null ELSE date(reduce(m = dates[0], d IN dates | CASE WHEN d > m THEN d ELSE m END)) END`

// recompute sets the properties and labels of the entities keys from the MENTIONS that
// remain, through graph.Merge over the mentioning articles in id order, and deletes the
// entities no article mentions.
func recompute(run runFunc, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	// Only what graph.Merge's choice depends on leaves the server: the first mention in
	// article order (name, label, event flag, QID, properties), the first QID, and each
	// distinct property set in order of first appearance; counts and aliases are summed
	// there. A hub entity mentioned by thousands of articles costs one row, not thousands.
	rows, err := run(`UNWIND $keys AS k
MATCH (e:`+graph.EntityLabel+` {key: k})
CALL (e) {
  OPTIONAL MATCH (a:`+graph.ArticleLabel+`)-[m:`+graph.MentionsType+`]->(e)
  WITH a, m ORDER BY a.id
  RETURN collect(m) AS ms
}
CALL (ms) {
  UNWIND ms AS m
  UNWIND m.forms AS f
  RETURN collect(DISTINCT f) AS aliases
}
RETURN k, labels(e), size(ms), reduce(s = 0, m IN ms | s + m.count), aliases,
  CASE WHEN size(ms) = 0 THEN null ELSE properties(ms[0]) END,
  [m IN ms WHERE m.qid IS NOT NULL | m.qid][0],
  reduce(acc = [], m IN ms | CASE WHEN m.props IS NULL OR m.props IN acc THEN acc ELSE acc + m.props END)`, map[string]any{"keys": keys})
	if err != nil {
		return fmt.Errorf("read mentions: %w", err)
	}
	var gone []string
	var sets []any
	for _, r := range rows {
		key, _ := r.Values[0].(string)
		var have []string
		for _, l := range r.Values[1].([]any) {
			have = append(have, l.(string))
		}
		articles, _ := r.Values[2].(int64)
		if articles == 0 {
			gone = append(gone, key)
			continue
		}
		count, _ := r.Values[3].(int64)
		var aliases []string
		for _, f := range r.Values[4].([]any) {
			aliases = append(aliases, f.(string))
		}
		first, _ := r.Values[5].(map[string]any)
		fn, _, err := export.FromMention(key, first)
		if err != nil {
			return fmt.Errorf("entity %s: %w", key, err)
		}
		// Synthetic contributions in article order, equivalent for graph.Merge to all of them:
		// later ones only fill a missing QID or missing properties.
		parts := []*graph.ArticleGraph{{Nodes: []graph.Node{fn}}}
		if q, ok := r.Values[6].(string); ok && fn.QID == "" {
			parts = append(parts, &graph.ArticleGraph{Nodes: []graph.Node{{Key: key, QID: q}}})
		}
		for _, ps := range r.Values[7].([]any) {
			n, _, err := export.FromMention(key, map[string]any{"props": ps})
			if err != nil {
				return fmt.Errorf("entity %s: %w", key, err)
			}
			parts = append(parts, &graph.ArticleGraph{Nodes: []graph.Node{n}})
		}
		parts[0].Mentions = []graph.Mention{{Key: key, Count: int(count), Forms: aliases}}
		n := graph.Merge(parts).Nodes[0]
		want := n.Labels()
		add, drop := []string{}, []string{}
		for _, l := range want {
			if _, err := graph.Label(l); err != nil {
				return fmt.Errorf("entity %s: label %q: %w", key, l, err)
			}
			if !contains(have, l) {
				add = append(add, l)
			}
		}
		for _, l := range have {
			if !contains(want, l) {
				drop = append(drop, l)
			}
		}
		sets = append(sets, map[string]any{"key": key, "props": export.EntityProps(n, int(articles)), "add": add, "drop": drop})
	}
	if len(gone) > 0 {
		if _, err := run(`UNWIND $keys AS k MATCH (e:`+graph.EntityLabel+` {key: k}) DETACH DELETE e`, map[string]any{"keys": gone}); err != nil {
			return fmt.Errorf("delete orphan entities: %w", err)
		}
	}
	if len(sets) > 0 {
		// Dynamic labels ($(…), Neo4j 5.26) take values, so no label reaches the statement text.
		if _, err := run(`UNWIND $rows AS row MATCH (e:`+graph.EntityLabel+` {key: row.key})
SET e = row.props
SET e:$(row.add)
REMOVE e:$(row.drop)`, map[string]any{"rows": sets}); err != nil {
			return fmt.Errorf("recompute entities: %w", err)
		}
	}
	return nil
}

// buildWrite turns a batch of article graphs into parameterised statements.
func buildWrite(parts []*graph.ArticleGraph) (*writePlan, error) {
	p := &writePlan{}
	keys := map[string]bool{}
	rels := map[string]*graph.Rel{}
	var relOrder []string
	sorted := append([]*graph.ArticleGraph(nil), parts...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Article.ID < sorted[j].Article.ID })
	for _, ag := range sorted {
		a := ag.Article
		p.ids = append(p.ids, a.ID)
		p.articles = append(p.articles, map[string]any{
			"id": a.ID, "title": a.Title, "source": a.Source, "url": a.URL, "path": a.Path,
			"published": a.Published, "fingerprint": a.Fingerprint,
		})
		nodes := map[string]graph.Node{}
		for _, n := range ag.Nodes {
			for _, l := range n.Labels() {
				if _, err := graph.Label(l); err != nil {
					return nil, fmt.Errorf("article %s: node %s: %w", a.ID, n.Key, err)
				}
			}
			nodes[n.Key] = n
		}
		for _, m := range ag.Mentions {
			n, ok := nodes[m.Key]
			if !ok {
				return nil, fmt.Errorf("article %s: mention of unknown node %s", a.ID, m.Key)
			}
			keys[m.Key] = true
			props, err := export.MentionProps(n, m)
			if err != nil {
				return nil, fmt.Errorf("article %s: node %s: %w", a.ID, n.Key, err)
			}
			p.mentions = append(p.mentions, map[string]any{"article": a.ID, "key": m.Key, "props": props})
		}
		for _, r := range ag.Rels {
			if !keys[r.From] || !keys[r.To] {
				return nil, fmt.Errorf("article %s: relationship %s links an entity the article does not mention", a.ID, r.ID())
			}
			id := r.ID()
			if cur, ok := rels[id]; ok {
				cur.Evidence = append(cur.Evidence, r.Evidence...)
				continue
			}
			c := r
			c.Evidence = append([]graph.Evidence(nil), r.Evidence...)
			rels[id] = &c
			relOrder = append(relOrder, id)
		}
	}
	p.keys = sortedKeys(keys)

	var relRows, roleRows []any
	sort.Strings(relOrder)
	for _, id := range relOrder {
		r := rels[id]
		if _, err := graph.RelType(r.Type); err != nil {
			return nil, err
		}
		graph.SortEvidence(r.Evidence)
		row := map[string]any{"type": r.Type, "from": r.From, "to": r.To, "status": r.Status}
		ev := export.EvidenceArrays(r.Evidence)
		row["ea"], row["ep"], row["es"], row["esp"], row["et"] = ev.Article, ev.Published, ev.Sentence, ev.Spans, ev.Text
		row["ed"], row["ee"] = ev.Date, ev.Event
		row["fixed"] = export.RelFixedProps(*r)
		if r.Type == graph.HoldsRoleType {
			// One person can hold two offices of one state: the title is part of the edge's identity.
			row["title"] = r.Role
			roleRows = append(roleRows, row)
			continue
		}
		relRows = append(relRows, row)
	}
	const evidence = `
ON CREATE SET r += row.fixed, r.ev_article = [], r.ev_published = [], r.ev_sentence = [], r.ev_spans = [], r.ev_text = [],
    r.ev_date = [], r.ev_event = []
SET r.ev_article = r.ev_article + row.ea, r.ev_published = r.ev_published + row.ep,
    r.ev_sentence = r.ev_sentence + row.es, r.ev_spans = r.ev_spans + row.esp, r.ev_text = r.ev_text + row.et,
    r.ev_date = r.ev_date + row.ed, r.ev_event = r.ev_event + row.ee
WITH r
`
	if len(relRows) > 0 {
		// The type is a value ($(…), Neo4j 5.26): one statement, planned once, for every type.
		p.rels = append(p.rels, stmt{
			cypher: `UNWIND $rows AS row
MATCH (x:` + graph.EntityLabel + ` {key: row.from})
MATCH (y:` + graph.EntityLabel + ` {key: row.to})
MERGE (x)-[r:$(row.type) {status: row.status}]->(y)` + evidence + relAggregates,
			params: map[string]any{"rows": relRows},
		})
	}
	if len(roleRows) > 0 {
		p.rels = append(p.rels, stmt{
			cypher: `UNWIND $rows AS row
MATCH (x:` + graph.EntityLabel + ` {key: row.from})
MATCH (y:` + graph.EntityLabel + ` {key: row.to})
MERGE (x)-[r:` + graph.HoldsRoleType + ` {status: row.status, title: row.title}]->(y)` + evidence + relAggregates,
			params: map[string]any{"rows": roleRows},
		})
	}
	return p, nil
}

func sortedSet(a []string) []string {
	set := map[string]bool{}
	for _, s := range a {
		set[s] = true
	}
	return sortedKeys(set)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func contains(a []string, s string) bool {
	for _, x := range a {
		if x == s {
			return true
		}
	}
	return false
}

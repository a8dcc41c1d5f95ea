package neo4jstore

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
)

// The write path, in one transaction per batch of articles:
//
//  1. lock the batch's :Article nodes, so two writers of one article take turns;
//  2. retract what earlier versions of these articles contributed (their evidence on
//     relationships, their MENTIONS), so a changed article replaces itself;
//  3. merge article nodes, entity nodes (by key, under the unique constraint), MENTIONS,
//     then relationships between endpoints bound by key, evidence appended;
//  4. recompute the aggregates of every touched entity and delete the ones no article
//     mentions any more.
//
// Labels and relationship types cannot be parameters, so they are checked against the
// identifier patterns of package graph before they are put in a statement; every value
// travels as a parameter.

// WriteArticles writes the contributions of a batch of articles in one transaction: all of
// them or none. Articles with the same id as stored ones replace them.
func (s *Store) WriteArticles(ctx context.Context, parts []*graph.ArticleGraph) (Counters, error) {
	stmts, err := buildWrite(parts)
	if err != nil {
		return Counters{}, err
	}
	return s.write(ctx, func(run runFunc) error {
		return stmts.exec(run)
	})
}

// Retract removes articles and everything only they supported. Shared entities and other
// articles' evidence stay; aggregates are recomputed.
func (s *Store) Retract(ctx context.Context, ids []string) (Counters, int, error) {
	found := 0
	c, err := s.write(ctx, func(run runFunc) error {
		found = 0
		rows, err := run(`UNWIND $ids AS id MATCH (a:`+graph.ArticleLabel+` {id: id}) RETURN count(a)`, map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		if len(rows) > 0 {
			n, _ := rows[0].Values[0].(int64)
			found = int(n)
		}
		keys, err := retract(run, ids)
		if err != nil {
			return err
		}
		if _, err := run(`UNWIND $ids AS id MATCH (a:`+graph.ArticleLabel+` {id: id}) DETACH DELETE a`, map[string]any{"ids": ids}); err != nil {
			return err
		}
		return recompute(run, keys)
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
	nodes    []stmt
	mentions []any
	rels     []stmt
	keys     []string
}

func (p *writePlan) exec(run runFunc) error {
	ids := map[string]any{"ids": p.ids}
	if _, err := run(`UNWIND $ids AS id MERGE (a:`+graph.ArticleLabel+` {id: id}) SET a._lock = true REMOVE a._lock`, ids); err != nil {
		return fmt.Errorf("lock articles: %w", err)
	}
	old, err := retract(run, p.ids)
	if err != nil {
		return err
	}
	if _, err := run(`UNWIND $rows AS row MATCH (a:`+graph.ArticleLabel+` {id: row.id})
SET a.title = row.title, a.source = row.source, a.url = row.url, a.path = row.path,
    a.published = CASE WHEN row.published = '' THEN null ELSE date(row.published) END,
    a.fingerprint = row.fingerprint`, map[string]any{"rows": p.articles}); err != nil {
		return fmt.Errorf("write articles: %w", err)
	}
	for _, st := range p.nodes {
		if _, err := run(st.cypher, st.params); err != nil {
			return fmt.Errorf("write nodes: %w", err)
		}
	}
	if _, err := run(`UNWIND $rows AS row
MATCH (a:`+graph.ArticleLabel+` {id: row.article})
MATCH (e:`+graph.EntityLabel+` {key: row.key})
CREATE (a)-[:`+graph.MentionsType+` {count: row.count, forms: row.forms}]->(e)`, map[string]any{"rows": p.mentions}); err != nil {
		return fmt.Errorf("write mentions: %w", err)
	}
	for _, st := range p.rels {
		if _, err := run(st.cypher, st.params); err != nil {
			return fmt.Errorf("write relationships: %w", err)
		}
	}
	return recompute(run, mergeKeys(old, p.keys))
}

// retract removes the contributions of articles ids and returns the keys of the entities
// they mentioned.
func retract(run runFunc, ids []string) ([]string, error) {
	params := map[string]any{"ids": ids}
	_, err := run(`UNWIND $ids AS id
MATCH (a:`+graph.ArticleLabel+` {id: id})-[:`+graph.MentionsType+`]->(x:`+graph.EntityLabel+`)
MATCH (x)-[r]->(:`+graph.EntityLabel+`)
WHERE id IN r.articles
WITH r, collect(DISTINCT id) AS gone
WITH r, gone, r.ev_article AS ea, r.ev_published AS ep, r.ev_sentence AS es, r.ev_spans AS esp, r.ev_text AS et
WITH r, ea, ep, es, esp, et, [i IN range(0, size(ea) - 1) WHERE NOT ea[i] IN gone] AS keep
SET r.ev_article = [i IN keep | ea[i]], r.ev_published = [i IN keep | ep[i]],
    r.ev_sentence = [i IN keep | es[i]], r.ev_spans = [i IN keep | esp[i]], r.ev_text = [i IN keep | et[i]]
WITH r, size(keep) AS left
CALL (r, left) {
  WITH r WHERE left = 0
  DELETE r
}
WITH r, left WHERE left > 0
`+relAggregates, params)
	if err != nil {
		return nil, fmt.Errorf("retract evidence: %w", err)
	}
	rows, err := run(`UNWIND $ids AS id
MATCH (a:`+graph.ArticleLabel+` {id: id})-[m:`+graph.MentionsType+`]->(e:`+graph.EntityLabel+`)
DELETE m
RETURN DISTINCT e.key AS key`, params)
	if err != nil {
		return nil, fmt.Errorf("retract mentions: %w", err)
	}
	keys := make([]string, 0, len(rows))
	for _, r := range rows {
		if k, ok := r.Values[0].(string); ok {
			keys = append(keys, k)
		}
	}
	return keys, nil
}

// relAggregates recomputes a relationship's aggregates from its evidence arrays.
const relAggregates = `CALL (r) {
  UNWIND r.ev_article AS x
  WITH DISTINCT x ORDER BY x
  RETURN collect(x) AS arts
}
WITH r, arts, [d IN r.ev_published WHERE d <> ''] AS dates
SET r.articles = arts, r.article_count = size(arts), r.mention_count = size(r.ev_article),
    r.first_seen = CASE WHEN size(dates) = 0 THEN null ELSE date(reduce(m = dates[0], d IN dates | CASE WHEN d < m THEN d ELSE m END)) END,
    r.last_seen = CASE WHEN size(dates) = 0 THEN null ELSE date(reduce(m = dates[0], d IN dates | CASE WHEN d > m THEN d ELSE m END)) END`

// recompute sets mention counts and aliases of entities from the MENTIONS that remain, and
// deletes entities no article mentions.
func recompute(run runFunc, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	_, err := run(`UNWIND $keys AS k
MATCH (e:`+graph.EntityLabel+` {key: k})
CALL (e) {
  OPTIONAL MATCH (:`+graph.ArticleLabel+`)-[m:`+graph.MentionsType+`]->(e)
  RETURN coalesce(sum(m.count), 0) AS c, count(m) AS articles, collect(m.forms) AS fs
}
CALL (fs) {
  UNWIND fs AS f
  UNWIND f AS x
  WITH DISTINCT x ORDER BY x
  RETURN collect(x) AS aliases
}
SET e.mention_count = c, e.article_count = articles, e.aliases = aliases
WITH e WHERE articles = 0
DETACH DELETE e`, map[string]any{"keys": keys})
	if err != nil {
		return fmt.Errorf("recompute entities: %w", err)
	}
	return nil
}

// buildWrite turns a batch of article graphs into parameterised statements.
func buildWrite(parts []*graph.ArticleGraph) (*writePlan, error) {
	p := &writePlan{}
	type nodeGroup struct {
		labels string
		rows   []any
	}
	nodeGroups := map[string]*nodeGroup{}
	seenNode := map[string]bool{}
	keys := map[string]bool{}
	rels := map[string]*graph.Rel{}
	var relOrder []string
	for _, ag := range parts {
		a := ag.Article
		p.ids = append(p.ids, a.ID)
		p.articles = append(p.articles, map[string]any{
			"id": a.ID, "title": a.Title, "source": a.Source, "url": a.URL, "path": a.Path,
			"published": a.Published, "fingerprint": a.Fingerprint,
		})
		for _, n := range ag.Nodes {
			keys[n.Key] = true
			if seenNode[n.Key] {
				continue
			}
			seenNode[n.Key] = true
			labels := n.Labels()
			for _, l := range labels {
				if _, err := graph.Label(l); err != nil {
					return nil, fmt.Errorf("article %s: node %s: %w", a.ID, n.Key, err)
				}
			}
			lk := strings.Join(labels[1:], ":")
			g := nodeGroups[lk]
			if g == nil {
				g = &nodeGroup{labels: lk}
				nodeGroups[lk] = g
			}
			props := map[string]any{}
			for k, v := range n.Props {
				props[k] = v
			}
			g.rows = append(g.rows, map[string]any{"key": n.Key, "name": n.Name, "qid": nullIfEmpty(n.QID), "props": props})
		}
		for _, m := range ag.Mentions {
			p.mentions = append(p.mentions, map[string]any{"article": a.ID, "key": m.Key, "count": m.Count, "forms": m.Forms})
		}
		for _, r := range ag.Rels {
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
	for k := range keys {
		p.keys = append(p.keys, k)
	}
	sort.Strings(p.keys)

	lks := make([]string, 0, len(nodeGroups))
	for lk := range nodeGroups {
		lks = append(lks, lk)
	}
	sort.Strings(lks)
	for _, lk := range lks {
		set := ""
		if lk != "" {
			set = "n:" + quoteLabels(lk) + ", "
		}
		p.nodes = append(p.nodes, stmt{
			cypher: `UNWIND $rows AS row
MERGE (n:` + graph.EntityLabel + ` {key: row.key})
ON CREATE SET ` + set + `n.name = row.name, n.qid = row.qid
SET n += row.props`,
			params: map[string]any{"rows": nodeGroups[lk].rows},
		})
	}

	byType := map[string][]any{}
	for _, id := range relOrder {
		r := rels[id]
		if _, err := graph.RelType(r.Type); err != nil {
			return nil, err
		}
		graph.SortEvidence(r.Evidence)
		row := map[string]any{"from": r.From, "to": r.To, "status": r.Status, "role": nullIfEmpty(r.Role)}
		var ea, ep, esp, et []string
		var es []int64
		for _, e := range r.Evidence {
			ea = append(ea, e.Article)
			ep = append(ep, e.Published)
			es = append(es, int64(e.Sentence))
			esp = append(esp, e.Spans)
			et = append(et, e.Text)
		}
		row["ea"], row["ep"], row["es"], row["esp"], row["et"] = ea, ep, es, esp, et
		coding := map[string]any{}
		if c, ok := graph.CodingOf(r.Type); ok {
			coding["family"] = c.Family
			if c.CAMEO != "" {
				coding["cameo"] = c.CAMEO
				coding["goldstein"] = c.Goldstein
				coding["plover"] = c.PLOVER
				coding["quad_class"] = int64(c.QuadClass)
			}
		}
		row["coding"] = coding
		byType[r.Type] = append(byType[r.Type], row)
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		p.rels = append(p.rels, stmt{
			cypher: `UNWIND $rows AS row
MATCH (x:` + graph.EntityLabel + ` {key: row.from})
MATCH (y:` + graph.EntityLabel + ` {key: row.to})
MERGE (x)-[r:` + "`" + t + "`" + ` {status: row.status}]->(y)
ON CREATE SET r += row.coding, r.role = row.role, r.ev_article = [], r.ev_published = [], r.ev_sentence = [], r.ev_spans = [], r.ev_text = []
SET r.ev_article = r.ev_article + row.ea, r.ev_published = r.ev_published + row.ep,
    r.ev_sentence = r.ev_sentence + row.es, r.ev_spans = r.ev_spans + row.esp, r.ev_text = r.ev_text + row.et
WITH r
` + relAggregates,
			params: map[string]any{"rows": byType[t]},
		})
	}
	return p, nil
}

func quoteLabels(lk string) string {
	ls := strings.Split(lk, ":")
	for i, l := range ls {
		ls[i] = "`" + l + "`"
	}
	return strings.Join(ls, ":")
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func mergeKeys(a, b []string) []string {
	set := map[string]bool{}
	for _, k := range a {
		set[k] = true
	}
	for _, k := range b {
		set[k] = true
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

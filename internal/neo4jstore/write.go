package neo4jstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
	"github.com/dipgraph/dipgraph/internal/schema"
)

// The write path, in one transaction per batch of articles:
//
//  1. lock the batch's :Article nodes in id order (two writers of one article take turns),
//     learn which of them are stored already, and write their metadata;
//  2. when some are (a changed article), read the entities their stored versions mention;
//  3. lock (or create) every entity the transaction will touch, in key order, and read its
//     properties: two transactions that share entities queue on the first shared one
//     instead of deadlocking;
//  4. retract what earlier versions of the batch's stored articles contributed (their
//     :Evidence nodes, their MENTIONS, the aggregates of the relationships they supported),
//     so a changed article replaces itself;
//  5. write the MENTIONS (each carrying what that article says about the entity: name,
//     label, QID, properties), create one :Evidence node per piece of evidence, and merge
//     the relationships, one statement per relationship type, between endpoints bound by
//     key, adding the batch's counts and dates to their aggregates;
//  6. update every touched entity to what graph.Merge over all its mentioning articles in
//     id order gives, and delete the entities no article mentions.
//
// Step 6 makes an entity a function of the set of articles that mention it, not of the
// order they were loaded in: an interrupted and resumed run, two concurrent runs and a
// single run end with the same graph, and the exporters (which call graph.Merge on the
// same articles in the same order) write exactly what the store holds. An entity keeps
// max_article_id, the greatest id of the articles that mention it. When every article of
// the batch that mentions an entity sorts after that id and the entity lost no mention in
// step 4 (the usual case in a bulk load), graph.Merge over the stored entity followed by
// the batch's contributions gives the same result as over all its articles, so the entity
// is updated from what step 3 read; otherwise it is recomputed from all of its MENTIONS.
// Relationship aggregates are updated the same way from the evidence added.
//
// Evidence is not on the relationship: each piece is an :Evidence node (schema.EvidenceProps)
// that names its relationship by key (rel) and its article (article), both indexed. Adding
// an article creates nodes and never rewrites what hub relationships already hold; the
// relationship keeps only counts, dates, status and coding, so its size does not grow with
// the number of articles that report it.
//
// Labels and relationship types cannot be parameters of MERGE without losing the
// planner's type-specific expansion (a dynamic type there scans every relationship of
// the graph), so they are checked against the identifier patterns of package graph before
// they are put in a statement; every value travels as a parameter.

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
		rows, err := run(`UNWIND $ids AS id MATCH (a:`+schema.Article+` {id: id}) SET a._lock = true REMOVE a._lock RETURN count(a)`, map[string]any{"ids": ids})
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
		if _, err := run(`UNWIND $ids AS id MATCH (a:`+schema.Article+` {id: id}) DETACH DELETE a`, map[string]any{"ids": ids}); err != nil {
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
	articles []any
	mentions []any
	rels     []stmt
	evidence []any
	keys     []string
	// contrib holds, per entity key, what the batch's articles say of it, in article id order.
	contrib map[string][]contribution
}

// contribution is one article's node and mention of an entity.
type contribution struct {
	article string
	node    graph.Node
	mention graph.Mention
}

// exec runs the plan: the steps at the top of this file, in order.
func (p *writePlan) exec(run runFunc) error {
	stored, err := p.writeArticles(run)
	if err != nil {
		return err
	}
	var old []string
	if len(stored) > 0 {
		if old, err = mentionedKeys(run, stored); err != nil {
			return err
		}
	}
	keys := sortedSet(append(slices.Clone(old), p.keys...))
	state, err := lockAndRead(run, keys)
	if err != nil {
		return err
	}
	if len(stored) > 0 {
		if err := retract(run, stored); err != nil {
			return err
		}
	}
	if err := p.writeContributions(run); err != nil {
		return err
	}
	return p.updateEntities(run, keys, state, old)
}

// writeArticles locks (or creates) the batch's :Article nodes in id order, writes their
// metadata and returns the ids of those that were stored already.
func (p *writePlan) writeArticles(run runFunc) (stored []string, err error) {
	rows, err := run(`UNWIND $rows AS row
MERGE (a:`+schema.Article+` {id: row.id})
ON CREATE SET a._new = true
SET a._lock = true REMOVE a._lock
// An article stored without a fingerprint is the rest of an interrupted bulk load
// (Store.BulkCreate): it is replaced like a changed one.
WITH a, row, a._new IS NULL AS stored
REMOVE a._new
SET a.title = row.title, a.source = row.source, a.url = row.url, a.path = row.path,
    a.published = CASE WHEN row.published = '' THEN null ELSE date(row.published) END,
    a.fingerprint = row.fingerprint,
    a.`+schema.SourceDigest+` = CASE WHEN row.source_digest = '' THEN null ELSE row.source_digest END
RETURN row.id, stored`, map[string]any{"rows": p.articles})
	if err != nil {
		return nil, fmt.Errorf("write articles: %w", err)
	}
	for _, r := range rows {
		if ok, _ := r.Values[1].(bool); ok {
			id, _ := r.Values[0].(string)
			stored = append(stored, id)
		}
	}
	return stored, nil
}

// writeContributions writes the batch's MENTIONS, :Evidence nodes and relationships.
func (p *writePlan) writeContributions(run runFunc) error {
	if _, err := run(`UNWIND $rows AS row
MATCH (a:`+schema.Article+` {id: row.article})
MATCH (e:`+schema.Entity+` {key: row.key})
CREATE (a)-[m:`+schema.Mentions+`]->(e)
SET m = row.props`, map[string]any{"rows": p.mentions}); err != nil {
		return fmt.Errorf("write mentions: %w", err)
	}
	if len(p.evidence) > 0 {
		if _, err := run(`UNWIND $rows AS row
CREATE (ev:`+schema.Evidence+`)
SET ev = row, ev.published = date(row.published)`, map[string]any{"rows": p.evidence}); err != nil {
			return fmt.Errorf("write evidence: %w", err)
		}
	}
	for _, st := range p.rels {
		if _, err := run(st.cypher, st.params); err != nil {
			return fmt.Errorf("write relationships: %w", err)
		}
	}
	return nil
}

// updateEntities brings every entity in keys up to date: from its stored state (state)
// and the batch when that suffices, else recomputed from all its MENTIONS; old are the
// entities that lost mentions when the batch's stored articles were retracted.
func (p *writePlan) updateEntities(run runFunc, keys []string, state map[string]map[string]any, old []string) error {
	lost := make(map[string]bool, len(old))
	for _, k := range old {
		lost[k] = true
	}
	var full []string
	var sets []any
	for _, k := range keys {
		row, ok, err := p.update(k, state[k], lost[k])
		if err != nil {
			return err
		}
		if !ok {
			full = append(full, k)
			continue
		}
		sets = append(sets, row)
	}
	if err := setEntities(run, sets); err != nil {
		return err
	}
	return recompute(run, full)
}

// update returns the new properties and labels of entity key from its stored properties
// and the batch's contributions, when that gives what a recomputation from every mention
// would (see the comment at the top of this file); ok is false when it must be recomputed.
func (p *writePlan) update(key string, stored map[string]any, lost bool) (row map[string]any, ok bool, err error) {
	cs := p.contrib[key]
	if lost || len(cs) == 0 {
		return nil, false, nil
	}
	_, fresh := stored["name"]
	fresh = !fresh
	var parts []*graph.ArticleGraph
	articles := 0
	if !fresh {
		last, _ := stored["max_article_id"].(string)
		if last == "" || last >= cs[0].article {
			return nil, false, nil
		}
		n, m, count := storedNode(key, stored)
		parts = append(parts, &graph.ArticleGraph{Nodes: []graph.Node{n}, Mentions: []graph.Mention{m}})
		articles = count
	}
	for _, c := range cs {
		parts = append(parts, &graph.ArticleGraph{
			Article:  graph.ArticleInfo{ID: c.article},
			Nodes:    []graph.Node{c.node},
			Mentions: []graph.Mention{c.mention},
		})
	}
	articles += len(cs)
	n := graph.Merge(parts).Nodes[0]
	add := []string{}
	if fresh {
		for _, l := range n.Labels() {
			if _, err := graph.Label(l); err != nil {
				return nil, false, fmt.Errorf("entity %s: label %q: %w", key, l, err)
			}
			add = append(add, l)
		}
	}
	props := schema.EntityProps(n, articles, cs[len(cs)-1].article)
	return map[string]any{"key": key, "props": props, "add": add, "drop": []string{}}, true, nil
}

// storedNode turns the stored properties of an entity back into the node, mention and
// article count graph.Merge would have aggregated them from.
func storedNode(key string, stored map[string]any) (graph.Node, graph.Mention, int) {
	n := graph.Node{Key: key}
	n.Name, _ = stored["name"].(string)
	n.QID, _ = stored["qid"].(string)
	m := graph.Mention{Key: key}
	c, _ := stored["mention_count"].(int64)
	m.Count = int(c)
	if fs, ok := stored["aliases"].([]any); ok {
		for _, f := range fs {
			if s, ok := f.(string); ok {
				m.Forms = append(m.Forms, s)
			}
		}
	}
	for k, v := range stored {
		if schema.Reserved(k) {
			continue
		}
		if n.Props == nil {
			n.Props = map[string]any{}
		}
		n.Props[k] = v
	}
	articles, _ := stored["article_count"].(int64)
	return n, m, int(articles)
}

// lockAndRead takes the write lock of every entity in keys, in the order given (sorted),
// creating the missing ones, and returns the properties of each.
func lockAndRead(run runFunc, keys []string) (map[string]map[string]any, error) {
	out := make(map[string]map[string]any, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	rows, err := run(`UNWIND $keys AS k
MERGE (e:`+schema.Entity+` {key: k})
SET e._lock = true REMOVE e._lock
RETURN k, properties(e)`, map[string]any{"keys": keys})
	if err != nil {
		return nil, fmt.Errorf("lock entities: %w", err)
	}
	for _, r := range rows {
		k, _ := r.Values[0].(string)
		props, _ := r.Values[1].(map[string]any)
		out[k] = props
	}
	return out, nil
}

// setEntities writes entity properties and labels computed by the loader.
func setEntities(run runFunc, rows []any) error {
	if len(rows) == 0 {
		return nil
	}
	// Dynamic labels ($(…), Neo4j 5.26) take values, so no label reaches the statement text.
	if _, err := run(`UNWIND $rows AS row MATCH (e:`+schema.Entity+` {key: row.key})
SET e = row.props
SET e:$(row.add)
REMOVE e:$(row.drop)`, map[string]any{"rows": rows}); err != nil {
		return fmt.Errorf("update entities: %w", err)
	}
	return nil
}

// mentionedKeys returns the keys of the entities the stored articles ids mention.
func mentionedKeys(run runFunc, ids []string) ([]string, error) {
	rows, err := run(`UNWIND $ids AS id
MATCH (:`+schema.Article+` {id: id})-[:`+schema.Mentions+`]->(e:`+schema.Entity+`)
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
	if _, err := run(`UNWIND $keys AS k `+verb+` (e:`+schema.Entity+` {key: k}) SET e._lock = true REMOVE e._lock`, map[string]any{"keys": keys}); err != nil {
		return fmt.Errorf("lock entities: %w", err)
	}
	return nil
}

// retract removes the evidence and MENTIONS of articles ids, recomputes the aggregates of
// the relationships that evidence supported from the evidence left, and deletes the
// relationships left without any.
func retract(run runFunc, ids []string) error {
	params := map[string]any{"ids": ids}
	rows, err := run(`UNWIND $ids AS id
MATCH (ev:`+schema.Evidence+` {article: id})
WITH ev.rel AS rel, ev.from AS from, ev.to AS to, collect(ev) AS evs
FOREACH (ev IN evs | DELETE ev)
RETURN rel, from, to`, params)
	if err != nil {
		return fmt.Errorf("retract evidence: %w", err)
	}
	if len(rows) > 0 {
		rels := make([]any, len(rows))
		for i, r := range rows {
			rels[i] = map[string]any{"rel": r.Values[0], "from": r.Values[1], "to": r.Values[2]}
		}
		if _, err := run(`UNWIND $rels AS row
MATCH (:`+schema.Entity+` {key: row.from})-[r]->(:`+schema.Entity+` {key: row.to})
WHERE r.key = row.rel
`+relAggregates, map[string]any{"rels": rels}); err != nil {
			return fmt.Errorf("retract evidence: %w", err)
		}
	}
	if _, err := run(`UNWIND $ids AS id
MATCH (:`+schema.Article+` {id: id})-[m:`+schema.Mentions+`]->(:`+schema.Entity+`)
DELETE m`, params); err != nil {
		return fmt.Errorf("retract mentions: %w", err)
	}
	return nil
}

// relAggregates recomputes the aggregates of relationship r from its :Evidence nodes, as
// schema.RelProps does from graph.Merge's evidence, and deletes r when none is left.
const relAggregates = `CALL (r) {
  OPTIONAL MATCH (ev:` + schema.Evidence + ` {rel: r.key})
  WITH ev ORDER BY ev.source
  RETURN count(ev) AS n, count(DISTINCT ev.article) AS arts, min(ev.date) AS d,
         min(ev.published) AS f, max(ev.published) AS l, collect(DISTINCT ev.source) AS srcs
}
CALL (r, n) {
  WITH r WHERE n = 0
  DELETE r
}
WITH r, n, arts, d, f, l, srcs WHERE n > 0
SET r.mention_count = n, r.article_count = arts, r.date = d, r.first_seen = f, r.last_seen = l,
    r.sources = CASE WHEN size(srcs) = 0 THEN null ELSE srcs END`

// recompute sets the properties and labels of the entities keys from the MENTIONS that
// remain, through graph.Merge over the mentioning articles in id order, and deletes the
// entities no article mentions.
func recompute(run runFunc, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	rows, err := run(recomputeRead, map[string]any{"keys": keys})
	if err != nil {
		return fmt.Errorf("read mentions: %w", err)
	}
	var gone []string
	var sets []any
	for _, r := range rows {
		m := mergedMentions(r.Values)
		if m.articles == 0 {
			gone = append(gone, m.key)
			continue
		}
		row, err := m.entityRow()
		if err != nil {
			return err
		}
		sets = append(sets, row)
	}
	if len(gone) > 0 {
		if _, err := run(`UNWIND $keys AS k MATCH (e:`+schema.Entity+` {key: k}) DETACH DELETE e`, map[string]any{"keys": gone}); err != nil {
			return fmt.Errorf("delete orphan entities: %w", err)
		}
	}
	return setEntities(run, sets)
}

// recomputeRead reads, per entity key, what graph.Merge's choice depends on, and only
// that: the first mention in article order (name, label, event flag, QID, properties),
// the first QID, and each distinct property set in order of first appearance; counts and
// aliases are summed on the server. A hub entity mentioned by thousands of articles costs
// one row, not thousands. The columns are those of mergedMentions.
const recomputeRead = `UNWIND $keys AS k
MATCH (e:` + schema.Entity + ` {key: k})
CALL (e) {
  OPTIONAL MATCH (a:` + schema.Article + `)-[m:` + schema.Mentions + `]->(e)
  WITH a, m ORDER BY a.id
  RETURN collect(m) AS ms, max(a.id) AS last
}
CALL (ms) {
  UNWIND ms AS m
  UNWIND m.forms AS f
  RETURN collect(DISTINCT f) AS aliases
}
RETURN k, labels(e), size(ms), reduce(s = 0, m IN ms | s + m.count), aliases,
  CASE WHEN size(ms) = 0 THEN null ELSE properties(ms[0]) END,
  [m IN ms WHERE m.qid IS NOT NULL | m.qid][0],
  reduce(acc = [], m IN ms | CASE WHEN m.props IS NULL OR m.props IN acc THEN acc ELSE acc + m.props END), last`

// mentionSummary is one row of recomputeRead: an entity's labels and what its mentions say.
type mentionSummary struct {
	key      string
	labels   []string
	articles int64
	count    int64
	aliases  []string
	first    map[string]any // the MENTIONS of the first article
	qid      string         // the first QID any article gives
	props    []any          // each distinct property set, as JSON, in article order
	last     string         // the greatest mentioning article id
}

func mergedMentions(v []any) mentionSummary {
	m := mentionSummary{labels: schema.Strings(v[1]), aliases: schema.Strings(v[4])}
	m.key, _ = v[0].(string)
	m.articles, _ = v[2].(int64)
	m.count, _ = v[3].(int64)
	m.first, _ = v[5].(map[string]any)
	m.qid, _ = v[6].(string)
	m.props, _ = v[7].([]any)
	m.last, _ = v[8].(string)
	return m
}

// entityRow merges the summary as graph.Merge would merge every mention, and returns the
// setEntities row that brings the stored entity to the result.
func (m mentionSummary) entityRow() (map[string]any, error) {
	fn, _, err := schema.FromMention(m.key, m.first)
	if err != nil {
		return nil, fmt.Errorf("entity %s: %w", m.key, err)
	}
	// Synthetic contributions in article order, equivalent for graph.Merge to all of them:
	// later ones only fill a missing QID or missing properties.
	parts := []*graph.ArticleGraph{{Nodes: []graph.Node{fn}}}
	if m.qid != "" && fn.QID == "" {
		parts = append(parts, &graph.ArticleGraph{Nodes: []graph.Node{{Key: m.key, QID: m.qid}}})
	}
	for _, ps := range m.props {
		n, _, err := schema.FromMention(m.key, map[string]any{"props": ps})
		if err != nil {
			return nil, fmt.Errorf("entity %s: %w", m.key, err)
		}
		parts = append(parts, &graph.ArticleGraph{Nodes: []graph.Node{n}})
	}
	parts[0].Mentions = []graph.Mention{{Key: m.key, Count: int(m.count), Forms: m.aliases}}
	n := graph.Merge(parts).Nodes[0]
	want := n.Labels()
	add, drop := []string{}, []string{}
	for _, l := range want {
		if _, err := graph.Label(l); err != nil {
			return nil, fmt.Errorf("entity %s: label %q: %w", m.key, l, err)
		}
		if !slices.Contains(m.labels, l) {
			add = append(add, l)
		}
	}
	for _, l := range m.labels {
		if !slices.Contains(want, l) {
			drop = append(drop, l)
		}
	}
	return map[string]any{"key": m.key, "props": schema.EntityProps(n, int(m.articles), m.last), "add": add, "drop": drop}, nil
}

// buildWrite turns a batch of article graphs into parameterised statements.
func buildWrite(parts []*graph.ArticleGraph) (*writePlan, error) {
	p := &writePlan{contrib: map[string][]contribution{}}
	rels := map[string]*graph.Rel{}
	sorted := slices.Clone(parts)
	slices.SortStableFunc(sorted, func(a, b *graph.ArticleGraph) int { return strings.Compare(a.Article.ID, b.Article.ID) })
	for _, ag := range sorted {
		if err := p.addArticle(ag, rels); err != nil {
			return nil, err
		}
	}
	p.keys = slices.Sorted(maps.Keys(p.contrib))
	return p, p.addRels(rels)
}

// addArticle adds an article's metadata and mentions to the plan, and its relationships to
// rels (by key, the evidence of one relationship from several articles gathered).
func (p *writePlan) addArticle(ag *graph.ArticleGraph, rels map[string]*graph.Rel) error {
	a := ag.Article
	p.articles = append(p.articles, map[string]any{
		"id": a.ID, "title": a.Title, "source": a.Source, "url": a.URL, "path": a.Path,
		"published": a.Published, "fingerprint": a.Fingerprint, "source_digest": a.SourceDigest,
	})
	nodes := map[string]graph.Node{}
	for _, n := range ag.Nodes {
		for _, l := range n.Labels() {
			if _, err := graph.Label(l); err != nil {
				return fmt.Errorf("article %s: node %s: %w", a.ID, n.Key, err)
			}
		}
		nodes[n.Key] = n
	}
	for _, m := range ag.Mentions {
		n, ok := nodes[m.Key]
		if !ok {
			return fmt.Errorf("article %s: mention of unknown node %s", a.ID, m.Key)
		}
		p.contrib[m.Key] = append(p.contrib[m.Key], contribution{article: a.ID, node: n, mention: m})
		props, err := schema.MentionProps(n, m)
		if err != nil {
			return fmt.Errorf("article %s: node %s: %w", a.ID, n.Key, err)
		}
		p.mentions = append(p.mentions, map[string]any{"article": a.ID, "key": m.Key, "props": props})
	}
	for _, r := range ag.Rels {
		if p.contrib[r.From] == nil || p.contrib[r.To] == nil {
			return fmt.Errorf("article %s: relationship %s links an entity the article does not mention", a.ID, r.ID())
		}
		id := r.ID()
		if cur, ok := rels[id]; ok {
			cur.Evidence = append(cur.Evidence, r.Evidence...)
			continue
		}
		c := r
		c.Evidence = slices.Clone(r.Evidence)
		rels[id] = &c
	}
	return nil
}

// addRels adds the :Evidence nodes of rels and one relWrite statement per relationship
// type, in key and type order.
func (p *writePlan) addRels(rels map[string]*graph.Rel) error {
	byType := map[string][]any{}
	for _, id := range slices.Sorted(maps.Keys(rels)) {
		r := rels[id]
		if _, err := graph.RelType(r.Type); err != nil {
			return err
		}
		graph.SortEvidence(r.Evidence)
		for _, e := range r.Evidence {
			p.evidence = append(p.evidence, schema.EvidenceProps(*r, e).Map())
		}
		byType[r.Type] = append(byType[r.Type], relRow(id, r))
	}
	for _, t := range slices.Sorted(maps.Keys(byType)) {
		identity := "{status: row.status}"
		if t == schema.HoldsRole {
			identity = "{status: row.status, title: row.title}"
		}
		p.rels = append(p.rels, stmt{cypher: fmt.Sprintf(relWrite, schema.Entity, schema.Entity, t, identity), params: map[string]any{"rows": byType[t]}})
	}
	return nil
}

// relRow is the relWrite row of relationship r (key id): its ends and identity, and what
// the batch's evidence adds to its aggregates.
func relRow(id string, r *graph.Rel) map[string]any {
	row := map[string]any{"from": r.From, "to": r.To, "status": r.Status, "key": id,
		"arts": int64(len(graph.Articles(r.Evidence))), "n": int64(len(r.Evidence)),
		"date": nil, "first": nil, "last": nil, "sources": graph.Sources(r.Evidence), "fixed": schema.RelFixedProps(*r)}
	if d := schema.EarliestDate(r.Evidence); d != "" {
		row["date"] = d
	}
	if first, last := graph.SeenRange(r.Evidence); first != "" {
		row["first"], row["last"] = first, last
	}
	if r.Type == schema.HoldsRole {
		// One person can hold two offices of one state: the title is part of the edge's identity.
		row["title"] = r.Role
	}
	return row
}

// relWrite merges a batch's relationships of one type (label, label, type, identity
// properties) and adds the batch's evidence to their aggregates: the articles of the batch
// are not among the relationship's articles yet (new, or retracted first), so counts add
// up, dates take the minimum and maximum and the batch's outlets join the sorted list of
// sources. Nothing on the relationship grows with the number of articles behind it (the
// sources grow with the number of outlets).
const relWrite = `UNWIND $rows AS row
MATCH (x:%s {key: row.from})
MATCH (y:%s {key: row.to})
MERGE (x)-[r:%s %s]->(y)
ON CREATE SET r += row.fixed, r.key = row.key, r.article_count = 0, r.mention_count = 0
WITH r, row, r.date AS d, r.first_seen AS f, r.last_seen AS l,
     CASE WHEN row.first IS NULL THEN null ELSE date(row.first) END AS rf,
     CASE WHEN row.last IS NULL THEN null ELSE date(row.last) END AS rl
SET r.article_count = r.article_count + row.arts,
    r.mention_count = r.mention_count + row.n,
    r.date = CASE WHEN row.date IS NULL OR d IS NOT NULL AND d <= row.date THEN d ELSE row.date END,
    r.first_seen = CASE WHEN rf IS NULL OR f IS NOT NULL AND f <= rf THEN f ELSE rf END,
    r.last_seen = CASE WHEN rl IS NULL OR l IS NOT NULL AND l >= rl THEN l ELSE rl END
WITH r, row, reduce(acc = coalesce(r.sources, []), s IN coalesce(row.sources, []) |
       CASE WHEN s IN acc THEN acc ELSE [a IN acc WHERE a < s] + s + [a IN acc WHERE a > s] END) AS srcs
SET r.sources = CASE WHEN size(srcs) = 0 THEN null ELSE srcs END`

// sortedSet returns the distinct strings of a, sorted.
func sortedSet(a []string) []string {
	return slices.Compact(slices.Sorted(slices.Values(a)))
}

// description: Allies and adversaries of an actor: every cooperative or hostile relationship, with evidence counts and first/last seen.
// param: actor string — name, alias or key of the actor ("Russia", "Moscow", "wikidata:Q159")
// param: family string = "" — only this relationship family (cooperate, conflict or consult); empty for cooperate and conflict
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run allies-adversaries --param actor=Russia
// The actor through the full-text index entity_names (key, name, aliases, alt_names: a
// candidate shares the words), then the exact test; a scan of every Entity costs more.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($actor, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $actor OR toLower(a.name) = toLower($actor)
   OR any(x IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($actor))
MATCH (a)-[r]-(b:Entity)
WHERE r.status <> 'negated'
  AND r.family IN CASE WHEN $family = '' THEN ['cooperate', 'conflict'] ELSE [toLower($family)] END
// What the evidence says about r: with $as_of, only articles published by then count, and
// a relationship they do not state is left out. sources counts distinct outlets (the
// articles' source metadata, kept on the relationship as sources and on each piece of
// evidence as source; an article without one adds to articles only).
// Without $as_of these are the relationship's own aggregates, nothing else is read; the
// evidence is read only with a date (the UNWIND keeps the planner from seeking it anyway).
CALL (r) {
  WITH r WHERE $as_of IS NULL
  RETURN r.mention_count AS evidence, r.article_count AS articles, size(coalesce(r.sources, [])) AS sources,
         r.first_seen AS first_seen, r.last_seen AS last_seen
  UNION ALL
  UNWIND CASE WHEN $as_of IS NULL THEN [] ELSE [r.key] END AS key
  MATCH (ev:Evidence {rel: key})
  WHERE ev.published <= date($as_of)
  RETURN count(ev) AS evidence, count(DISTINCT ev.article) AS articles, count(DISTINCT ev.source) AS sources,
         min(ev.published) AS first_seen, max(ev.published) AS last_seen
}
WITH a, r, b, evidence, articles, sources, first_seen, last_seen
WHERE evidence > 0
RETURN CASE r.family WHEN 'cooperate' THEN 'ally' WHEN 'conflict' THEN 'adversary' ELSE r.family END AS stance,
       b.name AS counterpart,
       [l IN labels(b) WHERE NOT l IN ['Entity', 'Event']][0] AS kind,
       startNode(r).name + ' ' + toLower(replace(type(r), '_', ' ')) + ' ' + endNode(r).name AS relation,
       r.status AS status,
       articles,
       sources,
       evidence AS mentions,
       first_seen,
       last_seen
ORDER BY stance, counterpart, relation

// description: Who fights or attacks an actor, and whom the actor fights or attacks, with evidence counts.
// param: actor string — name, alias or key of the actor ("Russia", "IS", "Islamic State")
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run fights --param actor="Islamic State"
// The actor through the full-text index entity_names (key, name, aliases, alt_names: a
// candidate shares the words), then the exact test; a scan of every Entity costs more.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($actor, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $actor OR toLower(a.name) = toLower($actor)
   OR any(x IN a.aliases + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($actor))
// Expand from the actor both ways rather than filter every conflict edge in the graph.
CALL (a) {
  MATCH (a)-[r:FIGHTS|ATTACKS|ATTACKED|BOMBED|KILLED]->(y:Entity)
  RETURN a AS x, r, y
  UNION
  MATCH (x:Entity)-[r:FIGHTS|ATTACKS|ATTACKED|BOMBED|KILLED]->(a)
  RETURN x, r, a AS y
}
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
WITH x, r, y, evidence, articles, sources, first_seen, last_seen
WHERE evidence > 0
RETURN x.name AS attacker,
       toLower(replace(type(r), '_', ' ')) AS relation,
       y.name AS target,
       r.status AS status,
       evidence AS mentions,
       articles,
       sources,
       first_seen,
       last_seen
ORDER BY attacker, target

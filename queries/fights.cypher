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
// articles' source metadata; an article without one adds to articles only).
CALL (r) {
  MATCH (ev:Evidence {rel: r.key})
  WHERE $as_of IS NULL OR ev.published <= date($as_of)
  OPTIONAL MATCH (art:Article {id: ev.article})
  RETURN count(ev) AS evidence, count(DISTINCT ev.article) AS articles,
         count(DISTINCT CASE WHEN art.source <> '' THEN art.source END) AS sources,
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

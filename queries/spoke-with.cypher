// description: Who an actor spoke with, met, visited or negotiated with, with dates and article counts.
// param: actor string — name, alias or key of the actor ("John Kerry", "Kerry", "wikidata:Q22316")
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run spoke-with --param actor="John Kerry"
// example: dipgraph query run spoke-with --param actor="John Kerry" --as-of 2016-03-01
// The actor through the full-text index entity_names (key, name, aliases, alt_names: a
// candidate shares the words), then the exact test; a scan of every Entity costs more.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($actor, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $actor OR toLower(a.name) = toLower($actor)
   OR any(x IN a.aliases + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($actor))
MATCH (a)-[r:SPOKE_WITH|MET_WITH|MET|VISITED|HOSTED|NEGOTIATED|CONSULTED]-(b:Entity)
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
WITH a, r, b, articles, sources, first_seen, last_seen
WHERE evidence > 0
RETURN a.name AS actor,
       toLower(replace(type(r), '_', ' ')) AS interaction,
       b.name AS counterpart,
       r.status AS status,
       articles,
       sources,
       first_seen,
       last_seen
ORDER BY last_seen DESC, counterpart

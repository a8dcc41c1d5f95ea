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

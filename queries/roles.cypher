// description: Roles held over time: the offices of a person, or the office holders of a state, with dates.
// param: actor string — name, alias or key of a person or a state
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run roles --param actor="John Kerry"
// The actor through the full-text index entity_names (key, name, aliases, alt_names: a
// candidate shares the words), then the exact test; a scan of every Entity costs more.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($actor, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $actor OR toLower(a.name) = toLower($actor)
   OR any(x IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($actor))
MATCH (p:Entity)-[r:HOLDS_ROLE]->(s:Entity)
WHERE p = a OR s = a
// The articles and outlets (sources) that state the role; with $as_of, only those
// published by then, and a role none of them states is left out.
CALL (r) {
  MATCH (ev:Evidence {rel: r.key})
  WHERE $as_of IS NULL OR ev.published <= date($as_of)
  OPTIONAL MATCH (art:Article {id: ev.article})
  RETURN count(DISTINCT ev.article) AS articles,
         count(DISTINCT CASE WHEN art.source <> '' THEN art.source END) AS sources
}
WITH p, r, s, articles, sources
WHERE articles > 0
RETURN p.name AS person,
       coalesce(r.title, r.role) AS title,
       s.name AS of,
       toString(r.since) AS since,
       toString(r.until) AS until,
       articles,
       sources
ORDER BY since, person, title

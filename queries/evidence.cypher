// description: The evidence for the relationships between two actors: article, outlet, date and the sentence that states each one, with the statuses other articles give the same claim (asserted vs negated) beside it.
// param: a string — name, alias or key of the first actor
// param: b string — name, alias or key of the second actor
// param: relation string = "" — only this relationship type ("FIGHTS", "spoke with"); empty for all
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run evidence --param a=Russia --param b="Islamic State"
// The actor through the full-text index entity_names (key, name, aliases, alt_names: a
// candidate shares the words), then the exact test; a scan of every Entity costs more.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($a, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $a OR toLower(a.name) = toLower($a)
   OR any(x IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($a))
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($b, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS b
WHERE b.key = $b OR toLower(b.name) = toLower($b)
   OR any(x IN coalesce(b.aliases, []) + coalesce(b.alt_names, []) WHERE toLower(x) = toLower($b))
MATCH (a)-[r]-(b)
WHERE type(r) <> 'MENTIONS' AND a <> b
  AND ($relation = '' OR type(r) = toUpper(replace(replace(trim($relation), ' ', '_'), '-', '_')))
// The same claim (type, direction and title) with another status, and in how many
// articles: "negated (1 article)" beside an asserted row shows the sources disagree.
WITH r, startNode(r) AS s, endNode(r) AS t
WITH r, COLLECT {
  MATCH (s)-[o]->(t)
  WHERE type(o) = type(r) AND o.status <> r.status AND coalesce(o.title, '') = coalesce(r.title, '')
  WITH o.status AS status, COUNT {
    MATCH (ev:Evidence {rel: o.key})
    WHERE $as_of IS NULL OR ev.published <= date($as_of)
    RETURN DISTINCT ev.article
  } AS n
  WHERE n > 0
  RETURN status + ' (' + toString(n) + CASE n WHEN 1 THEN ' article)' ELSE ' articles)' END AS other
  ORDER BY other
} AS other_statuses
// Each piece of evidence is an :Evidence node that names its relationship by key; with
// $as_of, only those from articles published by then.
MATCH (ev:Evidence {rel: r.key})
WHERE $as_of IS NULL OR ev.published <= date($as_of)
OPTIONAL MATCH (art:Article {id: ev.article})
RETURN startNode(r).name AS subject,
       toLower(replace(type(r), '_', ' ')) AS relation,
       endNode(r).name AS object,
       r.status AS status,
       other_statuses,
       coalesce(toString(ev.published), '') AS published,
       ev.article AS article,
       coalesce(art.source, '') AS source,
       art.title AS title,
       coalesce(ev.text, '') AS sentence
ORDER BY published, article, relation

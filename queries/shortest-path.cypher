// description: The shortest diplomatic path between two actors, through people, states, groups and events (articles left out).
// param: a string — name, alias or key of the first actor
// param: b string — name, alias or key of the second actor
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run shortest-path --param a="Barack Obama" --param b="Islamic State"
// The actor through the full-text index entity_names (key, name, aliases, alt_names: a
// candidate shares the words), then the exact test; a scan of every Entity costs more.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($a, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $a OR toLower(a.name) = toLower($a)
   OR any(x IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($a))
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($b, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS b
WHERE b.key = $b OR toLower(b.name) = toLower($b)
   OR any(x IN coalesce(b.aliases, []) + coalesce(b.alt_names, []) WHERE toLower(x) = toLower($b))
// With $as_of, every step must be stated by an article published by then; a branch of its
// own, so that without a date the search is the plain one.
CALL (a, b) {
  WITH a, b WHERE $as_of IS NULL
  MATCH p = shortestPath((a)-[*..8]-(b))
  WHERE a <> b AND none(r IN relationships(p) WHERE type(r) = 'MENTIONS')
  RETURN p
  UNION
  WITH a, b WHERE $as_of IS NOT NULL
  MATCH p = shortestPath((a)-[*..8]-(b))
  WHERE a <> b AND all(r IN relationships(p) WHERE type(r) <> 'MENTIONS'
    AND EXISTS { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of) })
  RETURN p
}
RETURN length(p) AS hops,
       [n IN nodes(p) | n.name] AS route,
       p AS path
ORDER BY hops
LIMIT 1

// description: Who an actor spoke with, met, visited or negotiated with, with dates and article counts.
// param: actor string — name, alias or key of the actor ("John Kerry", "Kerry", "wikidata:Q22316")
// example: dipgraph query run spoke-with --param actor="John Kerry"
// The actor through the full-text index entity_names (key, name, aliases, alt_names: a
// candidate shares the words), then the exact test; a scan of every Entity costs more.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($actor, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $actor OR toLower(a.name) = toLower($actor)
   OR any(x IN a.aliases + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($actor))
MATCH (a)-[r:SPOKE_WITH|MET_WITH|MET|VISITED|HOSTED|NEGOTIATED|CONSULTED]-(b:Entity)
RETURN a.name AS actor,
       toLower(replace(type(r), '_', ' ')) AS interaction,
       b.name AS counterpart,
       r.status AS status,
       r.article_count AS articles,
       r.first_seen AS first_seen,
       r.last_seen AS last_seen
ORDER BY last_seen DESC, counterpart

// description: Who fights or attacks an actor, and whom the actor fights or attacks, with evidence counts.
// param: actor string — name, alias or key of the actor ("Russia", "IS", "Islamic State")
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
RETURN x.name AS attacker,
       toLower(replace(type(r), '_', ' ')) AS relation,
       y.name AS target,
       r.status AS status,
       r.mention_count AS mentions,
       r.article_count AS articles,
       r.first_seen AS first_seen,
       r.last_seen AS last_seen
ORDER BY attacker, target

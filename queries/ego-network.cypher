// description: The ego network of an actor up to depth N, returned as paths for the Browser's graph view.
// param: actor string — name, alias or key of the actor at the centre
// param: depth int = 2 — how many hops out (1 to 3)
// param: limit int = 300 — at most this many paths
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run ego-network --param actor=Russia --param depth=2
// The actor through the full-text index entity_names (key, name, aliases, alt_names: a
// candidate shares the words), then the exact test; a scan of every Entity costs more.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($actor, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $actor OR toLower(a.name) = toLower($actor)
   OR any(x IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($actor))
// Variable-length bounds cannot be parameters: one branch per depth, so that a smaller
// depth never walks the longer paths (a walk to 3 hops cut at 1 took seconds on a busy
// actor). MENTIONS edges lead to articles and are left out as the walk goes (the planner
// tests the relationships while it expands). With $as_of, every relationship of a path
// must be stated by an article published by then.
CALL (a) {
  WITH a WHERE $depth = 1
  MATCH p = (a)-[r]-(x:Entity)
  WHERE type(r) <> 'MENTIONS' AND ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of) })
  RETURN p
  UNION ALL
  WITH a WHERE $depth = 2
  MATCH p = (a)-[*1..2]-(x:Entity)
  WHERE none(r IN relationships(p) WHERE type(r) = 'MENTIONS')
    AND ($as_of IS NULL OR all(r IN relationships(p) WHERE EXISTS { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of) }))
  RETURN p
  UNION ALL
  WITH a WHERE $depth >= 3
  MATCH p = (a)-[*1..3]-(x:Entity)
  WHERE none(r IN relationships(p) WHERE type(r) = 'MENTIONS')
    AND ($as_of IS NULL OR all(r IN relationships(p) WHERE EXISTS { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of) }))
  RETURN p
}
RETURN p
LIMIT $limit

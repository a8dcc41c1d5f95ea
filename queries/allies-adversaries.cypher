// description: Allies and adversaries of an actor: every cooperative or hostile relationship, with evidence counts and first/last seen.
// param: actor string — name, alias or key of the actor ("Russia", "Moscow", "wikidata:Q159")
// param: family string = "" — only this relationship family (cooperate, conflict or consult); empty for cooperate and conflict
// example: dipgraph query run allies-adversaries --param actor=Russia
// The actor through the full-text index entity_names (key, name, aliases, alt_names: a
// candidate shares the words), then the exact test; a scan of every Entity costs more.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($actor, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $actor OR toLower(a.name) = toLower($actor)
   OR any(x IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($actor))
MATCH (a)-[r]-(b:Entity)
WHERE r.status <> 'negated'
  AND r.family IN CASE WHEN $family = '' THEN ['cooperate', 'conflict'] ELSE [toLower($family)] END
RETURN CASE r.family WHEN 'cooperate' THEN 'ally' WHEN 'conflict' THEN 'adversary' ELSE r.family END AS stance,
       b.name AS counterpart,
       [l IN labels(b) WHERE NOT l IN ['Entity', 'Event']][0] AS kind,
       startNode(r).name + ' ' + toLower(replace(type(r), '_', ' ')) + ' ' + endNode(r).name AS relation,
       r.status AS status,
       r.article_count AS articles,
       r.mention_count AS mentions,
       r.first_seen AS first_seen,
       r.last_seen AS last_seen
ORDER BY stance, counterpart, relation

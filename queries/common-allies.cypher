// description: Common allies of two actors: actors and agreements both sides back, support or cooperate with, with the links on each side.
// param: a string — name, alias or key of the first actor
// param: b string — name, alias or key of the second actor
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run common-allies --param a=Russia --param b="United States"
// With $as_of, a link counts only if an article published by then states it, and articles
// and sources (distinct outlets) count only those articles.
// The actor through the full-text index entity_names (key, name, aliases, alt_names: a
// candidate shares the words), then the exact test; a scan of every Entity costs more.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($a, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $a OR toLower(a.name) = toLower($a)
   OR any(x IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($a))
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($b, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS b
WHERE b.key = $b OR toLower(b.name) = toLower($b)
   OR any(x IN coalesce(b.aliases, []) + coalesce(b.alt_names, []) WHERE toLower(x) = toLower($b))
WITH a, b,
     // An actor's side: itself, the people holding a role in it, and coalitions named
     // after it ("US-led coalition" is on the side of the United States).
     [a] + COLLECT {
       MATCH (c:Coalition)
       WHERE any(n IN [a.name] + coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(c.name) STARTS WITH toLower(n) + '-led')
       RETURN c
     } + COLLECT { MATCH (p:Person)-[h:HOLDS_ROLE]->(a) WHERE ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: h.key}) WHERE ev.published <= date($as_of) }) RETURN DISTINCT p } AS side_a,
     [b] + COLLECT {
       MATCH (c:Coalition)
       WHERE any(n IN [b.name] + coalesce(b.aliases, []) + coalesce(b.alt_names, []) WHERE toLower(c.name) STARTS WITH toLower(n) + '-led')
       RETURN c
     } + COLLECT { MATCH (p:Person)-[h:HOLDS_ROLE]->(b) WHERE ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: h.key}) WHERE ev.published <= date($as_of) }) RETURN DISTINCT p } AS side_b
// The cooperate types of graph.Codings, spelled out (kept in step by a test): expanding
// only them reads far less than testing r.family on every relationship of the side.
// Both sides at once, joined on the candidate: each side's relationships are read once
// (expanding b's side from every candidate of a's, both hubs, read most of the graph).
UNWIND side_a AS sa
UNWIND side_b AS sb
MATCH (sa)-[ra:ALLIED_WITH|BACKED|COOPERATES|COOPERATES_MILITARILY|COOPERATES_WITH|DECLARED|DECLARED_CEASEFIRE|DECLARED_TRUCE|ESTABLISHED_TIES|EXCHANGED_PRISONERS|PRAISED|PROPOSED|PROPOSED_COOPERATION|PROPOSED_MILITARY_COOPERATION|RECOGNISED|RELEASED|RESTORED_TIES|SIGNED|SUPPORTS]-(ally:Entity)
MATCH (ally)-[rb:ALLIED_WITH|BACKED|COOPERATES|COOPERATES_MILITARILY|COOPERATES_WITH|DECLARED|DECLARED_CEASEFIRE|DECLARED_TRUCE|ESTABLISHED_TIES|EXCHANGED_PRISONERS|PRAISED|PROPOSED|PROPOSED_COOPERATION|PROPOSED_MILITARY_COOPERATION|RECOGNISED|RELEASED|RESTORED_TIES|SIGNED|SUPPORTS]-(sb)
USING JOIN ON ally
WHERE ra.status <> 'negated' AND ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: ra.key}) WHERE ev.published <= date($as_of) }) AND NOT ally IN side_a + side_b 
  AND rb.status <> 'negated' AND ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: rb.key}) WHERE ev.published <= date($as_of) })
// The links as text once per distinct relationship, not once per joined row.
WITH a, b, ally, collect(DISTINCT ra) AS ras, collect(DISTINCT rb) AS rbs
WITH a, b, ally, ras, rbs,
     COLLECT { UNWIND ras AS ra RETURN DISTINCT startNode(ra).name + ' ' + toLower(replace(type(ra), '_', ' ')) + ' ' + endNode(ra).name + CASE ra.status WHEN 'asserted' THEN '' ELSE ' (' + ra.status + ')' END } AS a_links,
     COLLECT { UNWIND rbs AS rb RETURN DISTINCT startNode(rb).name + ' ' + toLower(replace(type(rb), '_', ' ')) + ' ' + endNode(rb).name + CASE rb.status WHEN 'asserted' THEN '' ELSE ' (' + rb.status + ')' END } AS b_links
WITH a, b, ally, a_links, b_links, ras + rbs AS rs
// The articles that state any of the links, read once for both counts.
CALL (rs) {
  UNWIND rs AS r
  MATCH (ev:Evidence {rel: r.key})
  WHERE $as_of IS NULL OR ev.published <= date($as_of)
  RETURN count(DISTINCT ev.article) AS articles, count(DISTINCT ev.source) AS sources
}
RETURN ally.name AS ally,
       [l IN labels(ally) WHERE NOT l IN ['Entity', 'Event']][0] AS kind,
       a.name AS a, a_links,
       b.name AS b, b_links,
       articles,
       sources
ORDER BY articles DESC, ally

// description: Who brokered between whom: mediators and the parties they mediated between, or the talks, ceasefires and agreements they mediated with the parties to them.
// param: actor string = "" — name, alias or key of a mediator or a party; empty lists every mediation
// example: dipgraph query run mediators --param actor=China
// Two shapes of evidence: MEDIATED to an event (a deal brokered by Q; a Mediator role on
// talks or a ceasefire), whose parties take part in it or sign it; and MEDIATED to actors
// ("Q mediated between A and B"), whose parties are the actors one mediator is said to
// broker between in one article.
CALL () {
  MATCH (m:Entity)-[r:MEDIATED]->(e:Event)
  WHERE r.status <> 'negated'
  WITH m, r, e, COLLECT {
    MATCH (p:Entity)-[:PARTICIPATED_IN|SIGNED]->(e)
    WHERE NOT p:Event AND p <> m
    WITH DISTINCT p ORDER BY p.name
    RETURN p
  } AS parties
  RETURN m, parties, e.name AS about, [l IN labels(e) WHERE NOT l IN ['Entity', 'Event']][0] AS kind,
         r.status AS status, r.article_count AS articles, r.first_seen AS first_seen, r.last_seen AS last_seen
  UNION
  MATCH (m:Entity)-[r:MEDIATED]->(x:Entity)
  WHERE NOT x:Event AND r.status <> 'negated'
  MATCH (ev:Evidence {rel: r.key})
  WITH m, r, x, ev.article AS art
  WITH m, art, r.status AS status, collect(DISTINCT x) AS xs, min(r.first_seen) AS fs, max(r.last_seen) AS ls
  WITH m, art, status, fs, ls, COLLECT { UNWIND xs AS p WITH p ORDER BY p.name RETURN p } AS parties
  WITH m, status, parties, count(DISTINCT art) AS articles, min(fs) AS first_seen, max(ls) AS last_seen
  RETURN m, parties, null AS about, null AS kind, status, articles, first_seen, last_seen
}
WITH m, parties, about, kind, status, articles, first_seen, last_seen
WHERE $actor = ''
   OR any(n IN [m] + parties WHERE n.key = $actor OR toLower(n.name) = toLower($actor)
          OR any(x IN coalesce(n.aliases, []) + coalesce(n.alt_names, []) WHERE toLower(x) = toLower($actor)))
RETURN m.name AS mediator,
       [p IN parties | p.name] AS between,
       about,
       kind,
       status,
       articles,
       first_seen,
       last_seen
ORDER BY last_seen DESC, mediator, about

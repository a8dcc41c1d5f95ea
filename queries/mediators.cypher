// description: Who brokered between whom: mediators and the parties they mediated between, or the talks, ceasefires and agreements they mediated with the parties to them.
// param: actor string = "" — name, alias or key of a mediator or a party; empty lists every mediation
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run mediators --param actor=China
// Two shapes of evidence: MEDIATED to an event (a deal brokered by Q; a Mediator role on
// talks or a ceasefire), whose parties take part in it or sign it; and MEDIATED to actors
// ("Q mediated between A and B"), whose parties are the actors one mediator is said to
// broker between in one article.
CALL () {
  MATCH (m:Entity)-[r:MEDIATED]->(e:Event)
  WHERE r.status <> 'negated'
  CALL (r) {
    MATCH (ev:Evidence {rel: r.key})
    WHERE $as_of IS NULL OR ev.published <= date($as_of)
    OPTIONAL MATCH (art:Article {id: ev.article})
    RETURN count(ev) AS evidence, count(DISTINCT ev.article) AS articles,
           count(DISTINCT CASE WHEN art.source <> '' THEN art.source END) AS sources,
           min(ev.published) AS first_seen, max(ev.published) AS last_seen
  }
  WITH m, r, e, articles, sources, first_seen, last_seen
  WHERE evidence > 0
  WITH m, r, e, articles, sources, first_seen, last_seen, COLLECT {
    MATCH (p:Entity)-[pr:PARTICIPATED_IN|SIGNED]->(e)
    WHERE NOT p:Event AND p <> m
      AND ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: pr.key}) WHERE ev.published <= date($as_of) })
    WITH DISTINCT p ORDER BY p.name
    RETURN p
  } AS parties
  RETURN m, parties, e.name AS about, [l IN labels(e) WHERE NOT l IN ['Entity', 'Event']][0] AS kind,
         r.status AS status, articles, sources, first_seen, last_seen
  UNION
  MATCH (m:Entity)-[r:MEDIATED]->(x:Entity)
  WHERE NOT x:Event AND r.status <> 'negated'
  MATCH (ev:Evidence {rel: r.key})
  WHERE $as_of IS NULL OR ev.published <= date($as_of)
  // Per relationship, the dates of its evidence (as of $as_of); then per article, the
  // parties that one article says the mediator brokered between.
  WITH m, r, x, collect(ev.article) AS arts, min(ev.published) AS rf, max(ev.published) AS rl
  UNWIND arts AS art
  WITH m, art, r.status AS status, collect(DISTINCT x) AS xs, min(rf) AS fs, max(rl) AS ls
  OPTIONAL MATCH (a:Article {id: art})
  WITH m, art, a.source AS source, status, fs, ls, COLLECT { UNWIND xs AS p WITH p ORDER BY p.name RETURN p } AS parties
  WITH m, status, parties, count(DISTINCT art) AS articles,
       count(DISTINCT CASE WHEN source <> '' THEN source END) AS sources, min(fs) AS first_seen, max(ls) AS last_seen
  RETURN m, parties, null AS about, null AS kind, status, articles, sources, first_seen, last_seen
}
WITH m, parties, about, kind, status, articles, sources, first_seen, last_seen
WHERE $actor = ''
   OR any(n IN [m] + parties WHERE n.key = $actor OR toLower(n.name) = toLower($actor)
          OR any(x IN coalesce(n.aliases, []) + coalesce(n.alt_names, []) WHERE toLower(x) = toLower($actor)))
RETURN m.name AS mediator,
       [p IN parties | p.name] AS between,
       about,
       kind,
       status,
       articles,
       sources,
       first_seen,
       last_seen
ORDER BY last_seen DESC, mediator, about

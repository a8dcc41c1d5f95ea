// description: Brokers and influence from the latest `dipgraph analyze`: actors on the most shortest paths between others in the cooperation graph (betweenness), with PageRank and the blocs of their partners.
// param: actor string = "" — only this actor (name, alias or key); empty for the top brokers
// param: limit int = 10 — at most this many actors
// example: dipgraph query run brokers
// example: dipgraph query run brokers --param actor="John Kerry"
// betweenness is normalised (1 for the centre of a star); pagerank sums to 1 over the
// actors analysed. partner_blocs are the blocs of the actors it consults or cooperates
// with (the types of those families in graph.Codings, kept in step by a test).
MATCH (run:AnalysisRun)
WITH run ORDER BY run.at DESC LIMIT 1
CALL (run) {
  MATCH (n:Entity)
  WHERE $actor = '' AND n.bloc_run = run.id AND n.betweenness > 0
  RETURN n
  ORDER BY n.betweenness DESC, n.pagerank DESC, n.name
  LIMIT $limit
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($actor, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS n
  WHERE $actor <> '' AND n.bloc_run = run.id AND (n.key = $actor OR toLower(n.name) = toLower($actor)
     OR any(x IN coalesce(n.aliases, []) + coalesce(n.alt_names, []) WHERE toLower(x) = toLower($actor)))
  RETURN n
}
WITH n, COLLECT {
  MATCH (n)-[r:ALLIED_WITH|BACKED|CONSULTED|COOPERATES|COOPERATES_MILITARILY|COOPERATES_WITH|DECLARED|DECLARED_CEASEFIRE|DECLARED_TRUCE|ESTABLISHED_TIES|EXCHANGED_PRISONERS|HOSTED|MEDIATED|MET|MET_WITH|NEGOTIATED|NEGOTIATED_WITH|PHONED|PRAISED|PROPOSED|PROPOSED_COOPERATION|PROPOSED_MILITARY_COOPERATION|RECOGNISED|RELEASED|RESTORED_TIES|SIGNED|SPOKE_WITH|SUPPORTS|URGED|VISITED]-(m:Entity)
  WHERE r.status <> 'negated' AND m.bloc_run = n.bloc_run
  RETURN DISTINCT m.bloc
} AS partner_blocs
RETURN n.name AS actor,
       [l IN labels(n) WHERE NOT l IN ['Entity', 'Event'] AND NOT l STARTS WITH 'Bloc'][0] AS kind,
       n.bloc AS bloc,
       round(n.betweenness, 4) AS betweenness,
       round(n.pagerank, 4) AS pagerank,
       [b IN partner_blocs WHERE b <> n.bloc] AS other_blocs_reached
ORDER BY betweenness DESC, pagerank DESC, actor
LIMIT $limit

// description: Contradictions: pairs that both cooperate (or talk) and fight, with the relationships of each kind.
// param: actor string = "" — only pairs that include this actor (name, alias or key); empty for all pairs
// example: dipgraph query run contradictions
MATCH (x:Entity)-[r]-(y:Entity)
WHERE (x.name < y.name OR (x.name = y.name AND elementId(x) < elementId(y)))
  AND r.family IS NOT NULL AND r.status <> 'negated'
  AND ($actor = '' OR any(n IN [x, y] WHERE n.key = $actor OR toLower(n.name) = toLower($actor)
       OR any(s IN coalesce(n.aliases, []) + coalesce(n.alt_names, []) WHERE toLower(s) = toLower($actor))))
WITH x, y,
     collect(DISTINCT CASE WHEN r.family IN ['consult', 'cooperate'] OR type(r) = 'PARTICIPATED_IN'
       THEN startNode(r).name + ' ' + toLower(replace(type(r), '_', ' ')) + ' ' + endNode(r).name END) AS cooperation,
     collect(DISTINCT CASE WHEN r.family = 'conflict'
       THEN startNode(r).name + ' ' + toLower(replace(type(r), '_', ' ')) + ' ' + endNode(r).name END) AS conflict,
     min(r.first_seen) AS first_seen, max(r.last_seen) AS last_seen
WHERE size(cooperation) > 0 AND size(conflict) > 0
RETURN x.name AS one, y.name AS other, cooperation, conflict, first_seen, last_seen
ORDER BY last_seen DESC, one, other

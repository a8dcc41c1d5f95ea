// description: The most connected actors in a date range: distinct counterparts per relationship family (consult, cooperate, conflict).
// param: from date = 1900-01-01 — count relationships last seen on or after this date
// param: to date = 2999-12-31 — count relationships first seen on or before this date
// param: limit int = 10 — at most this many actors
// example: dipgraph query run most-connected --param from=2016-01-01 --param to=2016-12-31
MATCH (n:Entity)-[r]-(m:Entity)
WHERE NOT n:Event AND r.family IN ['consult', 'cooperate', 'conflict'] AND r.status <> 'negated'
  AND r.last_seen >= date($from) AND r.first_seen <= date($to)
WITH n,
     count(DISTINCT m) AS degree,
     count(DISTINCT CASE r.family WHEN 'consult' THEN m END) AS consult,
     count(DISTINCT CASE r.family WHEN 'cooperate' THEN m END) AS cooperate,
     count(DISTINCT CASE r.family WHEN 'conflict' THEN m END) AS conflict,
     sum(r.mention_count) AS mentions
RETURN n.name AS actor,
       [l IN labels(n) WHERE NOT l IN ['Entity', 'Event']][0] AS kind,
       degree, consult, cooperate, conflict, mentions
ORDER BY degree DESC, mentions DESC, actor
LIMIT $limit

// description: The most connected actors in a date range: distinct counterparts per relationship family (consult, cooperate, conflict).
// param: from date = 1900-01-01 — count relationships last seen on or after this date
// param: to date = 2999-12-31 — count relationships first seen on or before this date
// param: limit int = 10 — at most this many actors
// example: dipgraph query run most-connected --param from=2016-01-01 --param to=2016-12-31
// Only the relationships of the three families are read (their types are those of
// graph.Codings, kept in step by a test). An actor's count of such relationships, from the
// count store, bounds its degree; the exact degrees of the $limit actors with the highest
// bounds give a floor, and only actors whose bound reaches it can be in the top $limit, so
// only they are counted exactly.
MATCH (n:Entity)
WHERE NOT n:Event
WITH n, COUNT { (n)-[:ACCUSED|AIR_STRIKE_ON|ALLIED_WITH|ATTACKED|ATTACKS|BACKED|BOMBED|CONSULTED|COOPERATES|COOPERATES_MILITARILY|COOPERATES_WITH|CRITICISED|DECLARED|DECLARED_CEASEFIRE|DECLARED_TRUCE|FIGHTS|HALTED_NEGOTIATIONS|HALTED_TALKS|HOSTED|KILLED|MEDIATED|MET|MET_WITH|NEGOTIATED|NEGOTIATED_WITH|PHONED|PROPOSED|PROPOSED_COOPERATION|PROPOSED_MILITARY_COOPERATION|REFUSED|SANCTIONED|SIGNED|SPOKE_WITH|STRUCK|SUPPORTS|SUSPENDED|THREATENED|VIOLATED|VISITED]-() } AS bound
WHERE bound > 0
ORDER BY bound DESC
WITH collect({n: n, bound: bound}) AS candidates
CALL (candidates) {
  UNWIND candidates[0..$limit] AS c
  WITH c.n AS n
  CALL (n) {
    MATCH (n)-[r:ACCUSED|AIR_STRIKE_ON|ALLIED_WITH|ATTACKED|ATTACKS|BACKED|BOMBED|CONSULTED|COOPERATES|COOPERATES_MILITARILY|COOPERATES_WITH|CRITICISED|DECLARED|DECLARED_CEASEFIRE|DECLARED_TRUCE|FIGHTS|HALTED_NEGOTIATIONS|HALTED_TALKS|HOSTED|KILLED|MEDIATED|MET|MET_WITH|NEGOTIATED|NEGOTIATED_WITH|PHONED|PROPOSED|PROPOSED_COOPERATION|PROPOSED_MILITARY_COOPERATION|REFUSED|SANCTIONED|SIGNED|SPOKE_WITH|STRUCK|SUPPORTS|SUSPENDED|THREATENED|VIOLATED|VISITED]-(m:Entity)
    WHERE r.status <> 'negated' AND r.last_seen >= date($from) AND r.first_seen <= date($to)
    RETURN count(DISTINCT m) AS degree
  }
  RETURN CASE WHEN count(*) < $limit THEN 0 ELSE min(degree) END AS floor
}
UNWIND candidates AS c
WITH c.n AS n, c.bound AS bound, floor
WHERE bound >= floor
CALL (n) {
  MATCH (n)-[r:ACCUSED|AIR_STRIKE_ON|ALLIED_WITH|ATTACKED|ATTACKS|BACKED|BOMBED|CONSULTED|COOPERATES|COOPERATES_MILITARILY|COOPERATES_WITH|CRITICISED|DECLARED|DECLARED_CEASEFIRE|DECLARED_TRUCE|FIGHTS|HALTED_NEGOTIATIONS|HALTED_TALKS|HOSTED|KILLED|MEDIATED|MET|MET_WITH|NEGOTIATED|NEGOTIATED_WITH|PHONED|PROPOSED|PROPOSED_COOPERATION|PROPOSED_MILITARY_COOPERATION|REFUSED|SANCTIONED|SIGNED|SPOKE_WITH|STRUCK|SUPPORTS|SUSPENDED|THREATENED|VIOLATED|VISITED]-(m:Entity)
  WHERE r.status <> 'negated' AND r.last_seen >= date($from) AND r.first_seen <= date($to)
  RETURN count(DISTINCT m) AS degree,
         count(DISTINCT CASE r.family WHEN 'consult' THEN m END) AS consult,
         count(DISTINCT CASE r.family WHEN 'cooperate' THEN m END) AS cooperate,
         count(DISTINCT CASE r.family WHEN 'conflict' THEN m END) AS conflict,
         sum(r.mention_count) AS mentions
}
WITH n, degree, consult, cooperate, conflict, mentions
WHERE degree > 0
WITH n, n.name AS actor, degree, consult, cooperate, conflict, mentions
ORDER BY degree DESC, mentions DESC, actor
LIMIT $limit
RETURN actor, [l IN labels(n) WHERE NOT l IN ['Entity', 'Event']][0] AS kind,
       degree, consult, cooperate, conflict, mentions

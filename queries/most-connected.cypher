// description: The most connected actors in a date range: distinct counterparts per relationship family (consult, cooperate, conflict).
// param: from date = 1900-01-01 — count relationships last seen on or after this date
// param: to date = 2999-12-31 — count relationships first seen on or before this date
// param: limit int = 10 — at most this many actors
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run most-connected --param from=2016-01-01 --param to=2016-12-31
// Only the relationships of the three families are read (their types are those of
// graph.Codings, kept in step by a test), and only for the actors that can be in the top:
// an actor's count of relationships (from the count store, no relationship read) bounds
// its degree; the exact degrees of any $limit actors give a floor (the $limit-th best degree
// is at least their least), and an actor whose bound is under the floor cannot reach the
// top. The $limit actors with the most relationships give the floor, and their counts are
// kept for the answer; the others are counted only when both their bound and their count
// of family relationships reach the floor. These relationship types join entities only,
// so the counterpart needs no label test.
// With $as_of, a relationship counts when an article published between $from and $as_of
// states it (its first_seen is then the same as without a date, and its last_seen without
// a date is no earlier), and mentions counts the evidence published by $as_of; the count
// store's bounds still hold.
MATCH (n:Entity)
WHERE NOT n:Event
WITH n, COUNT { (n)--() } AS degree_all
ORDER BY degree_all DESC
WITH collect({n: n, bound: degree_all}) AS candidates
CALL (candidates) {
  UNWIND candidates[0..$limit] AS c
  WITH c.n AS n
  CALL (n) {
    MATCH (n)-[r:ACCUSED|AIR_STRIKE_ON|ALLIED_WITH|ATTACKED|ATTACKS|BACKED|BOMBED|CONSULTED|COOPERATES|COOPERATES_MILITARILY|COOPERATES_WITH|CRITICISED|DECLARED|DECLARED_CEASEFIRE|DECLARED_TRUCE|DETAINED|ESTABLISHED_TIES|EXCHANGED_PRISONERS|FIGHTS|HALTED_NEGOTIATIONS|HALTED_TALKS|HOSTED|KILLED|MEDIATED|MET|MET_WITH|NEGOTIATED|NEGOTIATED_WITH|PHONED|PRAISED|PROPOSED|PROPOSED_COOPERATION|PROPOSED_MILITARY_COOPERATION|RECOGNISED|REFUSED|RELEASED|RESTORED_TIES|SANCTIONED|SEVERED_TIES|SIGNED|SPOKE_WITH|STRUCK|SUPPORTS|SUSPENDED|THREATENED|URGED|VIOLATED|VISITED]-(m)
    WHERE r.status <> 'negated' AND r.last_seen >= date($from) AND r.first_seen <= date($to)
      AND ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: r.key}) WHERE date($from) <= ev.published <= date($as_of) })
    RETURN count(DISTINCT m) AS degree,
           count(DISTINCT CASE r.family WHEN 'consult' THEN m END) AS consult,
           count(DISTINCT CASE r.family WHEN 'cooperate' THEN m END) AS cooperate,
           count(DISTINCT CASE r.family WHEN 'conflict' THEN m END) AS conflict,
           sum(CASE WHEN $as_of IS NULL THEN r.mention_count
               ELSE COUNT { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of) } END) AS mentions
  }
  WITH {n: n, degree: degree, consult: consult, cooperate: cooperate, conflict: conflict, mentions: mentions} AS s
  RETURN collect(s) AS top, CASE WHEN count(*) < $limit THEN 0 ELSE min(s.degree) END AS floor
}
CALL (candidates, floor) {
  UNWIND candidates[$limit..] AS c
  WITH c.n AS n, c.bound AS bound
  WHERE bound >= floor AND COUNT { (n)-[:ACCUSED|AIR_STRIKE_ON|ALLIED_WITH|ATTACKED|ATTACKS|BACKED|BOMBED|CONSULTED|COOPERATES|COOPERATES_MILITARILY|COOPERATES_WITH|CRITICISED|DECLARED|DECLARED_CEASEFIRE|DECLARED_TRUCE|DETAINED|ESTABLISHED_TIES|EXCHANGED_PRISONERS|FIGHTS|HALTED_NEGOTIATIONS|HALTED_TALKS|HOSTED|KILLED|MEDIATED|MET|MET_WITH|NEGOTIATED|NEGOTIATED_WITH|PHONED|PRAISED|PROPOSED|PROPOSED_COOPERATION|PROPOSED_MILITARY_COOPERATION|RECOGNISED|REFUSED|RELEASED|RESTORED_TIES|SANCTIONED|SEVERED_TIES|SIGNED|SPOKE_WITH|STRUCK|SUPPORTS|SUSPENDED|THREATENED|URGED|VIOLATED|VISITED]-() } >= floor
  CALL (n) {
    MATCH (n)-[r:ACCUSED|AIR_STRIKE_ON|ALLIED_WITH|ATTACKED|ATTACKS|BACKED|BOMBED|CONSULTED|COOPERATES|COOPERATES_MILITARILY|COOPERATES_WITH|CRITICISED|DECLARED|DECLARED_CEASEFIRE|DECLARED_TRUCE|DETAINED|ESTABLISHED_TIES|EXCHANGED_PRISONERS|FIGHTS|HALTED_NEGOTIATIONS|HALTED_TALKS|HOSTED|KILLED|MEDIATED|MET|MET_WITH|NEGOTIATED|NEGOTIATED_WITH|PHONED|PRAISED|PROPOSED|PROPOSED_COOPERATION|PROPOSED_MILITARY_COOPERATION|RECOGNISED|REFUSED|RELEASED|RESTORED_TIES|SANCTIONED|SEVERED_TIES|SIGNED|SPOKE_WITH|STRUCK|SUPPORTS|SUSPENDED|THREATENED|URGED|VIOLATED|VISITED]-(m)
    WHERE r.status <> 'negated' AND r.last_seen >= date($from) AND r.first_seen <= date($to)
      AND ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: r.key}) WHERE date($from) <= ev.published <= date($as_of) })
    RETURN count(DISTINCT m) AS degree,
           count(DISTINCT CASE r.family WHEN 'consult' THEN m END) AS consult,
           count(DISTINCT CASE r.family WHEN 'cooperate' THEN m END) AS cooperate,
           count(DISTINCT CASE r.family WHEN 'conflict' THEN m END) AS conflict,
           sum(CASE WHEN $as_of IS NULL THEN r.mention_count
               ELSE COUNT { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of) } END) AS mentions
  }
  RETURN collect({n: n, degree: degree, consult: consult, cooperate: cooperate, conflict: conflict, mentions: mentions}) AS rest
}
UNWIND top + rest AS s
WITH s.n AS n, s.degree AS degree, s.consult AS consult, s.cooperate AS cooperate, s.conflict AS conflict, s.mentions AS mentions
WHERE degree > 0
WITH n, n.name AS actor, degree, consult, cooperate, conflict, mentions
ORDER BY degree DESC, mentions DESC, actor
LIMIT $limit
RETURN actor, [l IN labels(n) WHERE NOT l IN ['Entity', 'Event']][0] AS kind,
       degree, consult, cooperate, conflict, mentions

// description: Contradictions: pairs that both cooperate (or talk) and fight, with the relationships of each kind.
// param: actor string = "" — only pairs that include this actor (name, alias or key); empty for all pairs
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run contradictions
// Each actor's foes first (conflict edges; the type lists are the families of graph.Codings,
// kept in step by a test), then only the edges to those foes, grouped per pair; names are
// read for the pairs that also cooperate. The pair is (x, y) with x first by element id, so
// each pair is seen once; with an actor, x is the actor (found through the full-text index).
CALL () {
  MATCH (x:Entity)
  WHERE $actor = ''
  WITH x, COLLECT {
    MATCH (x)-[c:ACCUSED|AIR_STRIKE_ON|ATTACKED|ATTACKS|BOMBED|CRITICISED|DETAINED|FIGHTS|HALTED_NEGOTIATIONS|HALTED_TALKS|KILLED|REFUSED|SANCTIONED|SEVERED_TIES|STRUCK|SUSPENDED|THREATENED|VIOLATED]-(y)
    WHERE c.status <> 'negated' AND elementId(x) < elementId(y) AND ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: c.key}) WHERE ev.published <= date($as_of) })
    RETURN DISTINCT y
  } AS foes
  RETURN x, foes
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($actor, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
  WHERE $actor <> '' AND (a.key = $actor OR toLower(a.name) = toLower($actor)
     OR any(s IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(s) = toLower($actor)))
  WITH collect(a) AS actors
  UNWIND actors AS x
  WITH x, actors, COLLECT {
    MATCH (x)-[c:ACCUSED|AIR_STRIKE_ON|ATTACKED|ATTACKS|BOMBED|CRITICISED|DETAINED|FIGHTS|HALTED_NEGOTIATIONS|HALTED_TALKS|KILLED|REFUSED|SANCTIONED|SEVERED_TIES|STRUCK|SUSPENDED|THREATENED|VIOLATED]-(y)
    WHERE c.status <> 'negated' AND y <> x AND NOT (y IN actors AND elementId(y) < elementId(x)) AND ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: c.key}) WHERE ev.published <= date($as_of) })
    RETURN DISTINCT y
  } AS foes
  RETURN x, foes
}
WITH x, foes
WHERE size(foes) > 0
CALL (x, foes) {
  MATCH (x)-[r:ACCUSED|AGENT_OF|AIR_STRIKE_ON|ALLIED_WITH|ATTACKED|ATTACKS|BACKED|BOMBED|CONSULTED|COOPERATES|COOPERATES_MILITARILY|COOPERATES_WITH|CRITICISED|DECLARED|DECLARED_CEASEFIRE|DECLARED_TRUCE|DETAINED|ESTABLISHED_TIES|EXCHANGED_PRISONERS|EXCLUDED_FROM|FIGHTS|HALTED_NEGOTIATIONS|HALTED_TALKS|HOLDS_ROLE|HOSTED|KILLED|LOCATION_OF|MEDIATED|MET|MET_WITH|NEGOTIATED|NEGOTIATED_WITH|PARTICIPATED_IN|PHONED|PRAISED|PROPOSED|PROPOSED_COOPERATION|PROPOSED_MILITARY_COOPERATION|RECOGNISED|REFUSED|RELEASED|RESTORED_TIES|SANCTIONED|SEVERED_TIES|SIGNED|SPOKE_WITH|STRUCK|SUPPORTS|SUSPENDED|TARGET_OF|THEME_OF|THREATENED|TIME_OF|URGED|VIOLATED|VISITED]-(y)
  WHERE y IN foes AND r.status <> 'negated'
  WITH y, collect(r) AS rs
  WHERE any(r IN rs WHERE type(r) IN ['ALLIED_WITH', 'BACKED', 'CONSULTED', 'COOPERATES', 'COOPERATES_MILITARILY', 'COOPERATES_WITH', 'DECLARED', 'DECLARED_CEASEFIRE', 'DECLARED_TRUCE', 'ESTABLISHED_TIES', 'EXCHANGED_PRISONERS', 'HOSTED', 'MEDIATED', 'MET', 'MET_WITH', 'NEGOTIATED', 'NEGOTIATED_WITH', 'PARTICIPATED_IN', 'PHONED', 'PRAISED', 'PROPOSED', 'PROPOSED_COOPERATION', 'PROPOSED_MILITARY_COOPERATION', 'RECOGNISED', 'RELEASED', 'RESTORED_TIES', 'SIGNED', 'SPOKE_WITH', 'SUPPORTS', 'URGED', 'VISITED'])
  // The date each relationship was last seen: with $as_of, in the articles published by
  // then, and one none of them states is left out (its first_seen is the same either
  // way); the pair must still cooperate then.
  UNWIND rs AS r
  WITH y, r, CASE WHEN $as_of IS NULL THEN r.last_seen
              ELSE COLLECT { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of) RETURN max(ev.published) AS l }[0] END AS last
  WHERE $as_of IS NULL OR last IS NOT NULL
  WITH y, collect(r) AS rs, max(last) AS last_seen
  WHERE $as_of IS NULL OR any(r IN rs WHERE r.family IN ['consult', 'cooperate'] OR type(r) = 'PARTICIPATED_IN')
  RETURN y, rs, last_seen
}
WITH x, y, x.name AS xn, y.name AS yn, rs, last_seen
UNWIND rs AS r
WITH x, y, xn, yn, r, last_seen,
     CASE startNode(r) WHEN x THEN xn ELSE yn END + ' ' + toLower(replace(type(r), '_', ' ')) + ' ' + CASE endNode(r) WHEN x THEN xn ELSE yn END AS link
WITH x, y, xn, yn, last_seen,
     collect(DISTINCT CASE WHEN r.family IN ['consult', 'cooperate'] OR type(r) = 'PARTICIPATED_IN' THEN link END) AS cooperation,
     collect(DISTINCT CASE WHEN r.family = 'conflict' THEN link END) AS conflict,
     min(r.first_seen) AS first_seen
WITH CASE WHEN xn < yn OR (xn = yn AND elementId(x) < elementId(y)) THEN [xn, yn] ELSE [yn, xn] END AS pair,
     cooperation, conflict, first_seen, last_seen
RETURN pair[0] AS one, pair[1] AS other, cooperation, conflict, first_seen, last_seen
ORDER BY last_seen DESC, one, other

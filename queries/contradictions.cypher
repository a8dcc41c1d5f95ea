// description: Contradictions: pairs that both cooperate (or talk) and fight, with the relationships of each kind.
// param: actor string = "" — only pairs that include this actor (name, alias or key); empty for all pairs
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// param: limit int = 100 — at most this many pairs, the most recently seen first; 0 for all
// example: dipgraph query run contradictions
// The type lists are the families of graph.Codings, kept in step by a test: conflict; all
// of them; every family but conflict; consult and cooperate (with PARTICIPATED_IN).
// Without an actor, the pairs come from two relationship type scans joined on their ends
// (the hints keep the planner from expanding every node over ~40 types): each conflict
// relationship a->b meets every other non-conflict relationship between a and b. The
// status is read after the join, on the few thousand rows that met, not on every scanned
// relationship. A pair is kept when one of its non-conflict relationships is of the
// consult or cooperate families; its relationships are the conflict and the others that met.
// With an actor, x is the actor (found through the full-text index), its foes come from
// its conflict edges and the pair's relationships from its edges to them.
// Each pair is (x, y) with x first by element id, so each is seen once. The rest works on
// lists, one row per pair; a link list is sorted and without repeats.
CALL () {
  WITH $actor AS actor
  WHERE actor = ''
  CALL (actor) {
    MATCH (a)-[c:ACCUSED|AIR_STRIKE_ON|ATTACKED|ATTACKS|BOMBED|CRITICISED|DETAINED|FIGHTS|HALTED_NEGOTIATIONS|HALTED_TALKS|KILLED|REFUSED|SANCTIONED|SEVERED_TIES|STRUCK|SUSPENDED|THREATENED|VIOLATED]->(b)
    USING SCAN c:ACCUSED
    MATCH (a)-[r:AGENT_OF|ALLIED_WITH|BACKED|CONSULTED|COOPERATES|COOPERATES_MILITARILY|COOPERATES_WITH|DECLARED|DECLARED_CEASEFIRE|DECLARED_TRUCE|ESTABLISHED_TIES|EXCHANGED_PRISONERS|EXCLUDED_FROM|HOLDS_ROLE|HOSTED|LOCATION_OF|MEDIATED|MET|MET_WITH|NEGOTIATED|NEGOTIATED_WITH|PARTICIPATED_IN|PHONED|PRAISED|PROPOSED|PROPOSED_COOPERATION|PROPOSED_MILITARY_COOPERATION|RECOGNISED|RELEASED|RESTORED_TIES|SIGNED|SPOKE_WITH|SUPPORTS|TARGET_OF|THEME_OF|TIME_OF|URGED|VISITED]-(b)
    USING SCAN r:AGENT_OF
    USING JOIN ON a, b
    WHERE NOT 'negated' IN [c.status, r.status]
    WITH CASE WHEN elementId(a) < elementId(b) THEN [a, b] ELSE [b, a] END AS ends, c, r
    WITH ends[0] AS x, ends[1] AS y, collect(DISTINCT c) AS conflicts, collect(DISTINCT r) AS others
    WHERE x <> y AND any(r IN others WHERE type(r) IN ['ALLIED_WITH', 'BACKED', 'CONSULTED', 'COOPERATES', 'COOPERATES_MILITARILY', 'COOPERATES_WITH', 'DECLARED', 'DECLARED_CEASEFIRE', 'DECLARED_TRUCE', 'ESTABLISHED_TIES', 'EXCHANGED_PRISONERS', 'HOSTED', 'MEDIATED', 'MET', 'MET_WITH', 'NEGOTIATED', 'NEGOTIATED_WITH', 'PARTICIPATED_IN', 'PHONED', 'PRAISED', 'PROPOSED', 'PROPOSED_COOPERATION', 'PROPOSED_MILITARY_COOPERATION', 'RECOGNISED', 'RELEASED', 'RESTORED_TIES', 'SIGNED', 'SPOKE_WITH', 'SUPPORTS', 'URGED', 'VISITED'])
    RETURN x, y, conflicts + others AS rs
  }
  RETURN x, y, rs
  UNION ALL
  CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($actor, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
  WHERE $actor <> '' AND (a.key = $actor OR toLower(a.name) = toLower($actor)
     OR any(s IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(s) = toLower($actor)))
  WITH collect(a) AS actors
  UNWIND actors AS x
  WITH x, actors, COLLECT {
    MATCH (x)-[c:ACCUSED|AIR_STRIKE_ON|ATTACKED|ATTACKS|BOMBED|CRITICISED|DETAINED|FIGHTS|HALTED_NEGOTIATIONS|HALTED_TALKS|KILLED|REFUSED|SANCTIONED|SEVERED_TIES|STRUCK|SUSPENDED|THREATENED|VIOLATED]-(y)
    WHERE c.status <> 'negated' AND y <> x AND NOT (y IN actors AND elementId(y) < elementId(x))
    RETURN DISTINCT y
  } AS foes
  WHERE size(foes) > 0
  CALL (x, foes) {
    MATCH (x)-[r:ACCUSED|AGENT_OF|AIR_STRIKE_ON|ALLIED_WITH|ATTACKED|ATTACKS|BACKED|BOMBED|CONSULTED|COOPERATES|COOPERATES_MILITARILY|COOPERATES_WITH|CRITICISED|DECLARED|DECLARED_CEASEFIRE|DECLARED_TRUCE|DETAINED|ESTABLISHED_TIES|EXCHANGED_PRISONERS|EXCLUDED_FROM|FIGHTS|HALTED_NEGOTIATIONS|HALTED_TALKS|HOLDS_ROLE|HOSTED|KILLED|LOCATION_OF|MEDIATED|MET|MET_WITH|NEGOTIATED|NEGOTIATED_WITH|PARTICIPATED_IN|PHONED|PRAISED|PROPOSED|PROPOSED_COOPERATION|PROPOSED_MILITARY_COOPERATION|RECOGNISED|REFUSED|RELEASED|RESTORED_TIES|SANCTIONED|SEVERED_TIES|SIGNED|SPOKE_WITH|STRUCK|SUPPORTS|SUSPENDED|TARGET_OF|THEME_OF|THREATENED|TIME_OF|URGED|VIOLATED|VISITED]-(y)
    WHERE y IN foes AND r.status <> 'negated'
    WITH y, collect(r) AS rs
    WHERE any(r IN rs WHERE type(r) IN ['ALLIED_WITH', 'BACKED', 'CONSULTED', 'COOPERATES', 'COOPERATES_MILITARILY', 'COOPERATES_WITH', 'DECLARED', 'DECLARED_CEASEFIRE', 'DECLARED_TRUCE', 'ESTABLISHED_TIES', 'EXCHANGED_PRISONERS', 'HOSTED', 'MEDIATED', 'MET', 'MET_WITH', 'NEGOTIATED', 'NEGOTIATED_WITH', 'PARTICIPATED_IN', 'PHONED', 'PRAISED', 'PROPOSED', 'PROPOSED_COOPERATION', 'PROPOSED_MILITARY_COOPERATION', 'RECOGNISED', 'RELEASED', 'RESTORED_TIES', 'SIGNED', 'SPOKE_WITH', 'SUPPORTS', 'URGED', 'VISITED'])
    RETURN y, rs
  }
  RETURN x, y, rs
}
// The date each relationship was last seen: with $as_of, in the articles published by
// then, and one none of them states is left out (its first_seen is the same either way);
// the pair must still cooperate and fight then.
WITH x, y, CASE WHEN $as_of IS NULL THEN [r IN rs | {r: r, last: r.last_seen}]
            ELSE [r IN rs | {r: r, last: COLLECT { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of) RETURN ev.published AS l ORDER BY l DESC LIMIT 1 }[0]}] END AS seen
WITH x, y, [s IN seen WHERE s.last IS NOT NULL] AS seen
WITH x, y, seen, reduce(l = null, s IN seen | CASE WHEN l IS NULL OR s.last > l THEN s.last ELSE l END) AS last_seen
WHERE $as_of IS NULL OR (any(s IN seen WHERE s.r.family IN ['consult', 'cooperate'] OR type(s.r) = 'PARTICIPATED_IN')
                         AND any(s IN seen WHERE s.r.family = 'conflict'))
// The pairs are ordered and cut to $limit before the rest is read: the order needs only the
// last date and the names.
WITH x, y, x.name AS xn, y.name AS yn, seen, last_seen
WITH x, y, xn, yn, seen, last_seen,
     CASE WHEN xn < yn OR (xn = yn AND elementId(x) < elementId(y)) THEN [xn, yn] ELSE [yn, xn] END AS pair
ORDER BY last_seen DESC, pair[0], pair[1]
LIMIT CASE WHEN $limit > 0 THEN $limit ELSE 4611686018427387904 END
WITH x, y, xn, yn, last_seen, pair,
     [s IN seen | {r: s.r, family: s.r.family, first: s.r.first_seen,
                   link: CASE startNode(s.r) WHEN x THEN xn ELSE yn END + ' ' + toLower(replace(type(s.r), '_', ' ')) + ' ' + CASE endNode(s.r) WHEN x THEN xn ELSE yn END}] AS links
WITH pair, last_seen,
     reduce(acc = [], l IN [l IN links WHERE l.family IN ['consult', 'cooperate'] OR type(l.r) = 'PARTICIPATED_IN' | l.link] | [a IN acc WHERE a < l] + l + [a IN acc WHERE a > l]) AS cooperation,
     reduce(acc = [], l IN [l IN links WHERE l.family = 'conflict' | l.link] | [a IN acc WHERE a < l] + l + [a IN acc WHERE a > l]) AS conflict,
     reduce(f = null, l IN links | CASE WHEN f IS NULL OR l.first < f THEN l.first ELSE f END) AS first_seen
RETURN pair[0] AS one, pair[1] AS other, cooperation, conflict, first_seen, last_seen
ORDER BY last_seen DESC, one, other

// description: Blocs found by the latest `dipgraph analyze`: communities of the signed graph (cooperation inside, conflict across), with size, balance and most influential members.
// param: actor string = "" — only the bloc of this actor (name, alias or key); empty for every bloc
// param: min_size int = 2 — only blocs with at least this many members (with an actor, its bloc whatever its size)
// param: members int = 8 — list at most this many members of each bloc, by PageRank
// example: dipgraph query run blocs
// example: dipgraph query run blocs --param actor=Russia
// The analysis is stored on the :AnalysisRun node (bloc_* lists, one entry per bloc, bloc i
// at index i - 1) and on each actor (bloc, bloc_run, pagerank). Weights are sums of
// articles × |Goldstein score|; balance is 1 − frustrated weight / weight of the ties that
// touch the bloc (conflict inside and cooperation across are frustrated). No analysis, no rows.
MATCH (run:AnalysisRun)
WITH run ORDER BY run.at DESC LIMIT 1
CALL (run) {
  UNWIND CASE WHEN $actor = '' THEN range(0, size(run.bloc_id) - 1) ELSE [] END AS i
  WITH run, i
  WHERE run.bloc_size[i] >= $min_size
  RETURN i
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($actor, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
  WHERE $actor <> '' AND a.bloc_run = run.id AND (a.key = $actor OR toLower(a.name) = toLower($actor)
     OR any(x IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($actor)))
  RETURN a.bloc - 1 AS i
}
WITH run, collect(i) AS idx
CALL (run, idx) {
  MATCH (n:Entity)
  WHERE n.bloc_run = run.id AND n.bloc - 1 IN idx
  WITH n ORDER BY n.pagerank DESC, n.name
  WITH n.bloc AS bloc, collect(n.name) AS names
  RETURN bloc, names[0..$members] AS members
}
WITH run, bloc, bloc - 1 AS i, members
RETURN bloc,
       run.bloc_size[i] AS size,
       round(run.bloc_balance[i], 3) AS balance,
       members,
       round(run.bloc_internal_pos[i], 1) AS cooperation_inside,
       round(run.bloc_internal_neg[i], 1) AS conflict_inside,
       round(run.bloc_external_pos[i], 1) AS cooperation_across,
       round(run.bloc_external_neg[i], 1) AS conflict_across,
       round(run.balance, 3) AS graph_balance
ORDER BY bloc

// description: Who is excluded from a ceasefire or agreement, and who backed it.
// param: agreement string = "" — name, alias or key of the ceasefire or agreement; empty lists them all
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run excluded-from --param agreement=ceasefire
MATCH (e:Event)
WHERE $agreement = '' OR e.key = $agreement OR toLower(e.name) CONTAINS toLower($agreement)
   OR any(x IN e.aliases WHERE toLower(x) CONTAINS toLower($agreement))
WITH e,
     COLLECT { MATCH (x:Entity)-[r:EXCLUDED_FROM]->(e) WHERE ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of) }) RETURN DISTINCT x.name ORDER BY x.name } AS excluded,
     COLLECT { MATCH (y:Entity)-[r:BACKED]->(e) WHERE ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: r.key}) WHERE ev.published <= date($as_of) }) RETURN DISTINCT y.name ORDER BY y.name } AS backed_by
WHERE size(excluded) > 0 OR size(backed_by) > 0
RETURN e.name AS agreement, [l IN labels(e) WHERE NOT l IN ['Entity', 'Event']][0] AS kind, excluded, backed_by
ORDER BY agreement

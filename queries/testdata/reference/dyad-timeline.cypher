// description: Every interaction between two actors by date, with CAMEO code, Goldstein score and the sentence.
// param: a string — name, alias or key of the first actor
// param: b string — name, alias or key of the second actor
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run dyad-timeline --param a="Syrian opposition" --param b="Assad government"
// The actor through the full-text index entity_names (key, name, aliases, alt_names: a
// candidate shares the words), then the exact test; a scan of every Entity costs more.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($a, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $a OR toLower(a.name) = toLower($a)
   OR any(x IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($a))
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($b, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS b
WHERE b.key = $b OR toLower(b.name) = toLower($b)
   OR any(x IN coalesce(b.aliases, []) + coalesce(b.alt_names, []) WHERE toLower(x) = toLower($b))
// Direct relationships between the two, and what each did about an event the other also
// took part in (both backed a ceasefire; one suspended talks both attended). With $as_of,
// only evidence from articles published by then, and both links to the event stated by then.
CALL (a, b) {
  MATCH (a)-[r]-(b)
  WHERE type(r) <> 'MENTIONS' AND a <> b
  RETURN r, null AS event
  UNION
  MATCH (a)-[r1]-(e:Event)-[r2]-(b)
  WHERE a <> b
    AND ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: r1.key}) WHERE ev.published <= date($as_of) }
                            AND EXISTS { MATCH (ev:Evidence {rel: r2.key}) WHERE ev.published <= date($as_of) })
  UNWIND [r1, r2] AS r
  RETURN r, e AS event
}
MATCH (ev:Evidence {rel: r.key})
WHERE $as_of IS NULL OR ev.published <= date($as_of)
RETURN toString(coalesce(event.date, ev.published, '')) AS date,
       startNode(r).name AS actor,
       toLower(replace(type(r), '_', ' ')) AS interaction,
       endNode(r).name AS target,
       r.status AS status,
       r.cameo AS cameo,
       r.goldstein AS goldstein,
       r.quad_class AS quad_class,
       ev.article AS article,
       coalesce(ev.text, '') AS sentence
ORDER BY date, article, actor, interaction

// description: The balance of a dyad by month: interactions, sum and mean Goldstein score, and counts per QuadClass.
// param: a string — name, alias or key of the first actor
// param: b string — name, alias or key of the second actor
// param: as_of date = "" — count only evidence from articles published on or before this date (YYYY-MM-DD); empty for all
// example: dipgraph query run dyad-balance --param a=Russia --param b="United States"
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
  // Each side's relationships read once and joined on the event: checking every
  // relationship of one busy actor against each event of the other read far more.
  MATCH (a)-[r1]-(e:Event)-[r2]-(b)
  USING JOIN ON e
  WHERE a <> b
    AND ($as_of IS NULL OR EXISTS { MATCH (ev:Evidence {rel: r1.key}) WHERE ev.published <= date($as_of) }
                            AND EXISTS { MATCH (ev:Evidence {rel: r2.key}) WHERE ev.published <= date($as_of) })
  UNWIND [r1, r2] AS r
  RETURN r, e AS event
}
MATCH (ev:Evidence {rel: r.key})
WHERE $as_of IS NULL OR ev.published <= date($as_of)
WITH r, substring(toString(coalesce(event.date, ev.published, '')), 0, 7) AS month
WHERE r.goldstein IS NOT NULL
RETURN month,
       count(*) AS interactions,
       sum(r.goldstein) AS goldstein_sum,
       round(avg(r.goldstein), 2) AS goldstein_mean,
       sum(CASE r.quad_class WHEN 1 THEN 1 ELSE 0 END) AS verbal_coop,
       sum(CASE r.quad_class WHEN 2 THEN 1 ELSE 0 END) AS material_coop,
       sum(CASE r.quad_class WHEN 3 THEN 1 ELSE 0 END) AS verbal_conflict,
       sum(CASE r.quad_class WHEN 4 THEN 1 ELSE 0 END) AS material_conflict
ORDER BY month

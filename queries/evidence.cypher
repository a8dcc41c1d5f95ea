// description: The evidence for the relationships between two actors: article, date and the sentence that states each one.
// param: a string — name, alias or key of the first actor
// param: b string — name, alias or key of the second actor
// param: relation string = "" — only this relationship type ("FIGHTS", "spoke with"); empty for all
// example: dipgraph query run evidence --param a=Russia --param b="Islamic State"
// The actor through the full-text index entity_names (key, name, aliases, alt_names: a
// candidate shares the words), then the exact test; a scan of every Entity costs more.
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($a, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS a
WHERE a.key = $a OR toLower(a.name) = toLower($a)
   OR any(x IN coalesce(a.aliases, []) + coalesce(a.alt_names, []) WHERE toLower(x) = toLower($a))
CALL db.index.fulltext.queryNodes('entity_names', '"' + replace(replace($b, '\\', '\\\\'), '"', '\\"') + '"') YIELD node AS b
WHERE b.key = $b OR toLower(b.name) = toLower($b)
   OR any(x IN coalesce(b.aliases, []) + coalesce(b.alt_names, []) WHERE toLower(x) = toLower($b))
MATCH (a)-[r]-(b)
WHERE type(r) <> 'MENTIONS' AND a <> b
  AND ($relation = '' OR type(r) = toUpper(replace(replace(trim($relation), ' ', '_'), '-', '_')))
// Each piece of evidence is an :Evidence node that names its relationship by key.
MATCH (ev:Evidence {rel: r.key})
OPTIONAL MATCH (art:Article {id: ev.article})
RETURN startNode(r).name AS subject,
       toLower(replace(type(r), '_', ' ')) AS relation,
       endNode(r).name AS object,
       r.status AS status,
       coalesce(toString(ev.published), '') AS published,
       ev.article AS article,
       art.title AS title,
       coalesce(ev.text, '') AS sentence
ORDER BY published, article, relation

// Package graph is dipgraph's model of diplomatic news: it resolves the mentions of an
// annotated article (ingest.Article) to one entity per real-world actor, turns relations
// and events into typed relationships with evidence, and merges articles into one graph.
//
// It is pure: no I/O beyond the readers it is given (the gazetteer), no globals that
// change. Builder.Build makes one article's contribution (ArticleGraph), which a store
// writes or retracts as a unit; Merge combines contributions as the store does, and where
// articles disagree (a display name, a property) the article with the smallest id wins,
// so its result does not depend on the order of the articles.
//
// The graph it builds is described once, in SCHEMA.md beside this file: the labels, how a
// node gets its key (Label, NormName and the resolver's rules), every property, the
// relationship types (RoleType, Codings, the derived edges), how dates resolve
// (ResolveDate) and the constraints. internal/schema holds the stored layout in code.
//
// # Gazetteer
//
// The built-in gazetteer has two parts, both embedded and both one JSON object a line
// (see Actor and gazetteer.jsonl's header): the hand-curated entries of gazetteer.jsonl
// (states with adjectives and capitals, organisations, armed groups, people with dated
// offices and Wikidata ids), and some 25,900 actors derived from the PETRARCH2/Phoenix
// actor dictionaries (phoenix-actors.jsonl.gz, MIT licence in phoenix-actors.LICENSE;
// internal/phoenix converts them) with CAMEO codes, countries and some 26,500 dated roles.
// A hand-curated entry replaces the dictionary entry with its id and wins ties between
// names. Gazetteer.Load adds a user's file of the same format; an entry with an existing
// id replaces it.
//
// Names are looked up as of the article's date (LookupOn): when actors share a name, the
// one of the mention's type wins, then one that held a role on that date ("George Bush"
// is the father in 1991 and the son in 2003), then a hand-curated one. A bare title names
// whoever held the office that day (Holder), up to the as-of date of the file the holder
// came from. Explain gives the reasons; `dipgraph gazetteer lookup` prints them.
package graph

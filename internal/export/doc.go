// Package export writes a built graph without a database: as a Cypher script, JSON,
// GraphML, Graphviz dot, or the CSV files of `neo4j-admin database import full`.
//
// It also owns the property layout of the stored graph: which properties an :Article, an
// :Entity, a MENTIONS edge and a domain relationship carry, and how they are computed
// from the articles. The Neo4j store (internal/neo4jstore) uses the same functions, so an
// export loaded into an empty database gives the graph a direct ingest gives, property
// by property (`dipgraph fingerprint` checks it).
package export

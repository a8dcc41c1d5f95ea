// Package export writes a built graph without a database: as a Cypher script, JSON,
// GraphML, Graphviz dot, or the CSV files of `neo4j-admin database import full`.
//
// What it writes is a schema.Dataset: the graph the store holds for the same articles,
// property by property, as package schema lays it out. An export loaded into an empty
// database therefore gives the graph a direct ingest gives (`dipgraph fingerprint` checks
// it, and so do this package's tests).
package export

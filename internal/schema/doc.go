// Package schema is the stored graph's shape, in one place: its labels and relationship
// types, the key of each kind of node, the properties an :Article, an :Entity, an
// :Evidence node, a MENTIONS edge and a domain relationship carry and how they are
// computed from the articles, the constraints and indexes, and how each label is drawn.
//
// The Neo4j store (internal/neo4jstore), the exporters (internal/export), the loader's
// bulk path (internal/load), the benchmark's LOAD CSV ceiling (internal/bench) and the
// Browser style (scripts/browser/style.grass, checked by a test) all read it, so an export
// loaded into an empty database gives the graph a direct ingest gives, property by
// property (`dipgraph fingerprint` checks it). graph/SCHEMA.md describes the same graph
// for readers.
//
// Dataset is the whole stored graph of a set of articles, computed without a database
// (Build): the exporters write it, and the store's bulk path creates it.
package schema

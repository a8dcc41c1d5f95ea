// Package bench measures dipgraph's loader side by side with reference loaders on one
// Neo4j server and one generated corpus, in one run, so that the figures that count —
// ratios — are taken under the same conditions.
//
// The variants, each on a freshly cleared database with the constraints in place:
//
//	(a) naive: one transaction per statement (one per node, mention and relationship),
//	    written here as a reference; on a sample of the corpus, scaled to the whole;
//	(b) one transaction per article, with the same statements;
//	(c) dipgraph ingest as shipped (read, validate, resolve, build, write), run as a child
//	    process so its peak memory is its own;
//	(d) dipgraph ingest with its concurrency or batching option;
//	(e) dipgraph ingest again on the unchanged corpus: it must write nothing;
//	(f) the ceiling: the merged graph written to CSV files in the server's import folder and
//	    loaded with LOAD CSV and CALL { … } IN TRANSACTIONS (load time only).
//
// Beside them: parse and resolve alone (no database), and after (c) the latency of every
// saved query. The reference loaders talk to the driver directly: they must not share
// the write path they are compared with, which is why this package, unlike the rest of
// dipgraph outside internal/neo4jstore, imports the driver.
package bench

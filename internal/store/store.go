// Package store holds what a graph store and its callers share without leaning on each
// other: the Counters a write returns, the SourceDigest of a stored article and the errors
// a caller acts on. The loader (internal/load) and the analysis declare the interfaces
// they need and read these types; the Neo4j store (internal/neo4jstore) returns them;
// storetest is the contract every store passes.
package store

import "errors"

// Counters sum what a write changed.
type Counters struct {
	NodesCreated, NodesDeleted                 int
	RelationshipsCreated, RelationshipsDeleted int
	PropertiesSet                              int
}

// Add adds c2 to c.
func (c *Counters) Add(c2 Counters) {
	c.NodesCreated += c2.NodesCreated
	c.NodesDeleted += c2.NodesDeleted
	c.RelationshipsCreated += c2.RelationshipsCreated
	c.RelationshipsDeleted += c2.RelationshipsDeleted
	c.PropertiesSet += c2.PropertiesSet
}

// The errors a store's callers act on: a loader stops at ErrUnreachable and ErrAuth
// rather than retry article by article, and takes the incremental path on ErrBulkBusy.
var (
	ErrUnreachable = errors.New("cannot reach Neo4j")
	ErrAuth        = errors.New("authentication failed")
	// ErrBulkBusy says another process started a bulk load of the same database first.
	ErrBulkBusy = errors.New("another dipgraph ingest is bulk-loading this database")
)

// SourceDigest pairs an article, as stored with Fingerprint, with the digest of the bytes
// it was read from (see internal/load/digest.go).
type SourceDigest struct {
	ID, Fingerprint, Digest string
}

package neo4jstore_test

import (
	"testing"

	"github.com/dipgraph/dipgraph/internal/load"
	"github.com/dipgraph/dipgraph/internal/neo4jstore"
	"github.com/dipgraph/dipgraph/internal/neo4jtest"
	"github.com/dipgraph/dipgraph/internal/store/storetest"
)

// The store is what the loader writes to, on either path.
var _ load.BulkWriter = (*neo4jstore.Store)(nil)

// TestStoreContract runs the contract every store passes against the real server, and
// after every step checks that the stored aggregates agree with what they sum up.
func TestStoreContract(t *testing.T) {
	storetest.Suite{
		Open:  func(t *testing.T) storetest.Store { return neo4jtest.Open(t) },
		Check: func(t *testing.T, s storetest.Store) { neo4jtest.CheckInvariants(t, s.(*neo4jstore.Store)) },
	}.Run(t)
}

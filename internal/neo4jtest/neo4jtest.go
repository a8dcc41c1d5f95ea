// Package neo4jtest connects tests to the real Neo4j server that `make test` starts
// (scripts/neo4j-local). There is no fake: a test that needs Neo4j gets a clean database
// on the real server, or fails when CI is set and the server cannot be reached (outside CI
// it is skipped with the reason).
//
// Tests in several packages run in parallel processes; they take turns on the one database
// through a file lock, held from Open until the test ends.
package neo4jtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/internal/neo4jstore"
)

// Config returns the connection settings of the test server: NEO4J_URI and friends when
// set, else the server `make test` starts (bolt port 7688, so tests never wipe the
// database `make demo` fills on 7687).
func Config() neo4jstore.Config {
	return neo4jstore.Config{
		URI:            env("NEO4J_URI", "neo4j://localhost:7688"),
		Username:       env("NEO4J_USERNAME", "neo4j"),
		Password:       env("NEO4J_PASSWORD", "dipgraph-local"),
		Database:       env("NEO4J_DATABASE", "neo4j"),
		ConnectTimeout: 20 * time.Second,
	}
}

// Env returns the environment a child dipgraph process needs to reach the test server.
func Env() []string {
	c := Config()
	return []string{"NEO4J_URI=" + c.URI, "NEO4J_USERNAME=" + c.Username, "NEO4J_PASSWORD=" + c.Password, "NEO4J_DATABASE=" + c.Database}
}

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// Open returns a store on the test server with an empty database and the schema in place.
// The database is the caller's alone until the test ends.
func Open(t testing.TB) *neo4jstore.Store {
	t.Helper()
	skipShort(t)
	unlock := lock(t)
	t.Cleanup(unlock)
	ctx := context.Background()
	cfg := Config()
	st, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		Unreachable(t, err)
	}
	t.Cleanup(func() { st.Close(ctx) })
	if err := st.Clear(ctx); err != nil {
		t.Fatalf("clear test database: %v", err)
	}
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	return st
}

// Connect returns a store on the test server without taking the lock or clearing the
// database, for a test that already holds the lock (through Lock or Open): taking it twice
// in one test would wait forever.
func Connect(t testing.TB) *neo4jstore.Store {
	t.Helper()
	skipShort(t)
	ctx := context.Background()
	st, err := neo4jstore.Open(ctx, Config())
	if err != nil {
		Unreachable(t, err)
	}
	t.Cleanup(func() { st.Close(ctx) })
	return st
}

// Lock gives the caller the test database alone until the test ends, for tests that reach
// it through a child process rather than Open. It also clears the database.
func Lock(t testing.TB) {
	t.Helper()
	Open(t)
}

// skipShort skips a database test in -short mode: `go test -short ./...` (make test-short,
// and the fresh-clone step of make test) runs the unit tests only, with or without a server.
func skipShort(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("needs the Neo4j test server: not in -short mode")
	}
}

// Unreachable ends a test that cannot reach the server it was promised: it fails under CI
// and is skipped elsewhere.
func Unreachable(t testing.TB, err error) {
	t.Helper()
	msg := fmt.Sprintf("Neo4j test server not available: %v (start it with `make neo4j-up`)", err)
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// lock takes an exclusive file lock shared by every test process on this machine.
func lock(t testing.TB) func() {
	t.Helper()
	name := []byte(Config().URI)
	for i, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			name[i] = '_'
		}
	}
	path := filepath.Join(os.TempDir(), "dipgraph-neo4j-test-"+string(name)+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		t.Fatalf("open test lock: %v", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		t.Fatalf("take test lock: %v", err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}
}

// Clear empties the database of a store opened with Open, for tests with several steps.
func Clear(t testing.TB, st *neo4jstore.Store) {
	t.Helper()
	if err := st.Clear(context.Background()); err != nil {
		t.Fatalf("clear test database: %v", err)
	}
}

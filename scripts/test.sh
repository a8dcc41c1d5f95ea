#!/usr/bin/env bash
# test.sh: what `make test` does. Starts the local Neo4j if none is running (downloading it
# on a fresh machine), runs go vet and every test (with the race detector) against it, and
# stops the server again if it started it. Before the full run, the short tests run in a copy
# of the checkout with nothing beside it (scripts/fresh-clone.sh), as a user's clone has it.
# The tests that need more than Go and Neo4j live under tests/ and run with the others:
# tests/browser needs Node and Chromium (tests/browser/setup.sh fetches playwright-core into
# its git-ignored node_modules, and the tests skip with the reason when that fails),
# tests/deploy checks docker-compose.yml against scripts/neo4j-local without a Docker engine.
#
# The tests wipe their database, so they get a server of their own: its own ports
# (NEO4J_TEST_BOLT_PORT, default 7688, and NEO4J_TEST_HTTP_PORT, default 7475) and its own
# data folder (.neo4j/test-server), never the one `make demo` fills.
set -euo pipefail
cd "$(dirname "$0")/.."
bolt=${NEO4J_TEST_BOLT_PORT:-7688}
export NEO4J_BOLT_PORT=$bolt
export NEO4J_HTTP_PORT=${NEO4J_TEST_HTTP_PORT:-7475}
export NEO4J_URI=neo4j://localhost:$bolt
export NEO4J_LOCAL_HOME=$PWD/.neo4j/test-server
export NEO4J_HEAP=${NEO4J_HEAP:-1g} NEO4J_PAGECACHE=${NEO4J_PAGECACHE:-512m}

started=""
cleanup() {
	if [[ -n $started ]]; then
		scripts/neo4j-local stop || true
	fi
}
trap cleanup EXIT

if (exec 3<>"/dev/tcp/127.0.0.1/$bolt") 2>/dev/null; then
	echo "== Neo4j already answers on port $bolt; testing against it"
else
	echo "== starting the local Neo4j for the tests"
	scripts/neo4j-local start
	started=1
fi

echo "== go vet ./..."
go vet ./...

unformatted=$(gofmt -l cmd graph ingest internal queries tests)
if [[ -n $unformatted ]]; then
	echo "gofmt needed on:" >&2
	echo "$unformatted" >&2
	exit 1
fi

# A user's clone has nothing beside it: the short tests must pass there too.
scripts/fresh-clone.sh

echo "== go test -race ./..."
go test -race -count=1 -timeout 30m ./...

echo "== short fuzz run (every fuzz target, ${FUZZ_SHORT:-20000x} each; \`make fuzz\` runs them longer)"
scripts/fuzz.sh "${FUZZ_SHORT:-20000x}"

#!/usr/bin/env bash
# demo.sh: what `make demo` does. Starts the local Neo4j when nothing answers on the Bolt
# port (and leaves it running, so the Browser can be explored), loads examples/, and runs
# the saved queries on it, analyses the graph and writes one brief (demo-out/russia.html).
set -euo pipefail
cd "$(dirname "$0")/.."
bolt=${NEO4J_BOLT_PORT:-7687}
http=${NEO4J_HTTP_PORT:-7474}

if (exec 3<>"/dev/tcp/127.0.0.1/$bolt") 2>/dev/null; then
	echo "== Neo4j already answers on port $bolt; using it"
else
	echo "== starting the local Neo4j (scripts/neo4j-local start)"
	scripts/neo4j-local start
fi

echo
echo "== dipgraph ingest examples/"
bin/dipgraph ingest examples/

echo
echo "== dipgraph query list"
bin/dipgraph query list

run() {
	echo
	echo "== dipgraph query run $*"
	bin/dipgraph query run "$@" --format table
}
run spoke-with --param actor="John Kerry"
run fights --param actor="Islamic State"
run excluded-from --param agreement="27 February"
run common-enemies --param a="United States" --param b=Russia

echo
echo "== dipgraph analyze"
bin/dipgraph analyze
run blocs
run brokers --param limit=5

mkdir -p demo-out
echo
echo "== dipgraph report --actor Russia --out demo-out/russia.html"
bin/dipgraph report --actor Russia --out demo-out/russia.html

cat <<MSG

All saved queries: bin/dipgraph query list (export NEO4J_PASSWORD=$NEO4J_PASSWORD first)
Neo4j Browser: http://localhost:$http/browser/  (user neo4j, password $NEO4J_PASSWORD);
the guide with every saved query opens on connect.
Stop the local server with: make neo4j-down
MSG
echo
echo "Brief on Russia (open it in a browser): $PWD/demo-out/russia.html"

#!/usr/bin/env bash
# bench.sh: what `make bench` does. Builds dipgraph and dipgraph-bench, starts the local Neo4j if none answers
# (its own ports and data folder, .neo4j/bench-server, since the benchmark clears the
# database), makes the Python virtual environment of variant (g) (.bench-venv, the neo4j
# driver from PyPI; (g) is skipped with a message when python3 is missing), runs
# `dipgraph-bench bench` on the default 10,000-article corpus, prints the Markdown table and
# writes bench-out/bench.json. Stops the server again if it started it.
#
# Environment: NEO4J_BENCH_BOLT_PORT [7689], NEO4J_BENCH_HTTP_PORT [7476],
# NEO4J_HEAP [2g], NEO4J_PAGECACHE [1g]; BENCH_ARGS adds flags to `dipgraph-bench bench`
# (for example BENCH_ARGS="--articles 100000 --variants c" for peak memory at 100k).
set -euo pipefail
cd "$(dirname "$0")/.."
bolt=${NEO4J_BENCH_BOLT_PORT:-7689}
export NEO4J_BOLT_PORT=$bolt
export NEO4J_HTTP_PORT=${NEO4J_BENCH_HTTP_PORT:-7476}
export NEO4J_URI=neo4j://localhost:$bolt
export NEO4J_USERNAME=neo4j
export NEO4J_PASSWORD=${NEO4J_PASSWORD:-dipgraph-local}
export NEO4J_LOCAL_HOME=${NEO4J_LOCAL_HOME:-$PWD/.neo4j/bench-server}
export NEO4J_HEAP=${NEO4J_HEAP:-2g} NEO4J_PAGECACHE=${NEO4J_PAGECACHE:-1g}
export NEO4J_IMPORT_DIR=${NEO4J_IMPORT_DIR:-$NEO4J_LOCAL_HOME/import}

started=""
cleanup() {
	if [[ -n $started ]]; then
		scripts/neo4j-local stop || true
	fi
}
trap cleanup EXIT

go build -o bin/dipgraph ./cmd/dipgraph
go build -o bin/dipgraph-bench ./cmd/dipgraph-bench
if (exec 3<>"/dev/tcp/127.0.0.1/$bolt") 2>/dev/null; then
	echo "== Neo4j already answers on port $bolt; benchmarking against it (its database is cleared)" >&2
else
	echo "== starting a Neo4j for the benchmark on port $bolt" >&2
	scripts/neo4j-local start
	started=1
fi
python=""
venv=$PWD/.bench-venv
if ! command -v python3 >/dev/null; then
	echo "== python3 not found: variant (g), the Python driver peer, is skipped" >&2
elif "$venv/bin/python" -c 'import neo4j' 2>/dev/null ||
	{ echo "== making the Python environment of variant (g) in $venv (pip install neo4j)" >&2 &&
		python3 -m venv "$venv" && "$venv/bin/pip" install -q neo4j; }; then
	python=$venv/bin/python
else
	echo "== could not make $venv: variant (g) is skipped" >&2
fi
mkdir -p bench-out
# shellcheck disable=SC2086
bin/dipgraph-bench bench --dipgraph bin/dipgraph --json bench-out/bench.json --python "$python" ${BENCH_ARGS:-}

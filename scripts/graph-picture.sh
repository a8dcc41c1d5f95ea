#!/usr/bin/env bash
# graph-picture.sh renders the example corpus's graph into docs/graph.png, the README's
# picture: `dipgraph export --format dot` (no database needed; coloured like the Browser
# style) drawn with Graphviz's sfdp.
#   scripts/graph-picture.sh            # needs go and graphviz (apt-get install -y graphviz)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v sfdp >/dev/null || { echo "graph-picture: Graphviz not found (apt-get install -y graphviz)" >&2; exit 1; }
mkdir -p docs
go run ./cmd/dipgraph export --format dot examples/ |
	sfdp -Goverlap=prism -Gsize=16,11 -Gdpi=110 -Tpng -o docs/graph.png
echo "graph-picture: wrote docs/graph.png" >&2

#!/usr/bin/env bash
# fuzz.sh [DURATION]: runs every `go test -fuzz` target in the module, one after another,
# each for DURATION (default 5m; `make test` runs them for a few seconds each). Inputs the
# fuzzers find that fail are kept in the package's testdata/fuzz/ folder: commit them as
# regression tests once fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-${FUZZTIME:-5m}}
found=0
failed=()
for pkg in $(go list ./...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	targets=$(cd "$dir" && go test -list '^Fuzz' . 2>/dev/null | grep '^Fuzz' || true)
	for t in $targets; do
		found=$((found + 1))
		echo "== fuzz $pkg $t for $duration"
		if ! go test -run '^$' -fuzz "^$t\$" -fuzztime "$duration" -parallel 1 "$pkg"; then
			failed+=("$pkg $t")
		fi
	done
done
echo "== $found fuzz targets ran for $duration each; ${#failed[@]} failed"
for f in "${failed[@]}"; do echo "FAILED: $f"; done
((${#failed[@]} == 0))

#!/usr/bin/env bash
# fresh-clone.sh: run the short tests in a copy of this checkout with nothing beside it, as a
# user who clones the repository has it (no ../shared). The copy holds the tracked files and
# the untracked ones git does not ignore, so uncommitted work is checked too.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
	[[ -e $f ]] && printf '%s\0' "$f"
done | tar --null -T - -cf - | tar -xf - -C "$tmp"
cd "$tmp"
if [[ -e ../shared ]]; then
	echo "fresh-clone: $tmp/../shared exists; cannot test a clone with nothing beside it" >&2
	exit 1
fi
echo "== go test -short ./... in a copy with nothing beside it ($tmp)"
go test -short -count=1 ./...

#!/usr/bin/env bash
# eval.sh: what `make eval` does. Scores the built-in annotator (bin/dipgraph, built by make)
# on every gold set: the tuning set (examples/gold with its held-out articles, without the
# blind sets) and each blind test set (examples/gold/blind*, never tuned on: blind, then
# blind-2, written when the first had been scored too often to stay blind). Each set prints
# entity (overlap and exact), resolution and relation precision/recall/F1 per type and
# overall and the annotator's throughput (MB of text per CPU-second, i.e. MB/s per core);
# a table of both sets ends the run. Needs nothing but the checkout (no database, no ../shared).
#
# EVAL_MIN_CPU sets how much CPU time the throughput measurement uses per set (default 2s).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
bin=${DIPGRAPH:-bin/dipgraph}
if [[ ! -x $bin ]]; then
	echo "eval: $bin not found; run make eval (or make build first)" >&2
	exit 1
fi
min_cpu=${EVAL_MIN_CPU:-2s}
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git status --porcelain -- internal graph cmd examples/gold 2>/dev/null) ]]; then
	commit="$commit (with uncommitted changes)"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run_set() { # name, then the eval flags
	local name=$1
	shift
	echo "== $name (commit $commit)"
	"$bin" eval --min-cpu "$min_cpu" "$@" | tee "$tmp/$name"
	echo
}
blind_sets=()
for d in examples/gold/blind*; do # blind, then blind-2 (the C locale's order)
	[[ -d $d ]] && blind_sets+=("$(basename "$d")")
done
excludes=()
for b in "${blind_sets[@]}"; do
	excludes+=(--exclude "examples/gold/$b")
done
run_set tuning --gold examples/gold "${excludes[@]}"
for b in "${blind_sets[@]}"; do
	run_set "$b" --gold "examples/gold/$b"
done

echo "== both sets (commit $commit)"
printf '%-8s %8s  %-17s  %-17s  %-12s  %-23s  %s\n' set articles "entity F1 overlap" "entity F1 exact" "resolution F1" "relation P / R / F1" "MB/s per core"
for name in tuning "${blind_sets[@]}"; do
	f=$tmp/$name
	n=$(sed -n 's/^\([0-9]*\) articles$/\1/p' "$f")
	sed -n 's/^summary: entity F1 \([0-9.]*\) (overlap), \([0-9.]*\) (exact); resolution F1 \([0-9.]*\); relation F1 \([0-9.]*\) (P \([0-9.]*\), R \([0-9.]*\)).*; \([0-9.]*\) MB\/s per core$/\1 \2 \3 \5 \6 \4 \7/p' "$f" |
		while read -r eo ee res p r f1 mb; do
			printf '%-8s %8s  %-17s  %-17s  %-12s  %-23s  %s\n' "$name" "$n" "$eo" "$ee" "$res" "$p / $r / $f1" "$mb"
		done
done

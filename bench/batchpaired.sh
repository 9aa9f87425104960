#!/usr/bin/env bash
# Paired, interleaved timing of a batch triage: each round runs the old
# binary, the new one with --jobs 1, and the new one on every core, once
# each, on the same folder, so that the machine's load hits all three alike.
#
#   bench/batchpaired.sh /tmp/conduite-main /tmp/conduite-new DIR [ROUNDS]
#
# Prints, for each, the median wall time (quartiles, min, max) and peak RSS.
set -euo pipefail
old=$1 new=$2 dir=$3 rounds=${4:-15}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for _ in $(seq "$rounds"); do
  /usr/bin/time -f "main %e %M" "$old" evaluate --format csv "$dir" >/dev/null 2>>"$out" || true
  /usr/bin/time -f "jobs1 %e %M" "$new" evaluate --format csv --jobs 1 "$dir" >/dev/null 2>>"$out" || true
  /usr/bin/time -f "every-core %e %M" "$new" evaluate --format csv "$dir" >/dev/null 2>>"$out" || true
done
uptime
for v in main jobs1 every-core; do
  grep "^$v " "$out" | sort -k2 -n | awk -v v="$v" '
    { w[NR] = $2; m[NR] = $3 }
    END { printf "%-10s median %.3f s (q1 %.3f, q3 %.3f, min %.3f, max %.3f), peak RSS median %.1f MB, %d runs\n",
      v, w[int((NR+1)/2)], w[int(NR/4)+1], w[int(3*NR/4)+1], w[1], w[NR], m[int((NR+1)/2)]/1024, NR }'
done

#!/usr/bin/env bash
# Every figure of BENCHMARKS.md but the wizard's own section, in one run:
#   bash bench/figures.sh            (about three minutes on two cores)
# RUNS sets the runs of the whole-process measures (default 100).
# Each block prints the command it runs; BENCHMARKS.md gives the same ones.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-100}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { printf '\n$ %s\n' "$*"; "$@"; }

echo "== machine"
echo "cpus: $(nproc); $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"
go version
uptime

echo "== builds"
# Static builds, as .goreleaser.yaml makes the releases.
run env CGO_ENABLED=0 go build -trimpath -tags nethttpomithttp2 -ldflags "-s -w" -o "$tmp/conduite" ./cmd/conduite
run env CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp/floorprog" ./bench/cmd/floorprog
run go build -o "$tmp/procbench" ./bench/cmd/procbench
run go build -o "$tmp/termbench" ./bench/cmd/termbench
run go build -o "$tmp/startbench" ./bench/cmd/startbench
echo "stripped binary: $(stat -c %s "$tmp/conduite") bytes"
for os in linux darwin windows; do
  for arch in amd64 arm64; do
    GOOS=$os GOARCH=$arch CGO_ENABLED=0 go build -trimpath -tags nethttpomithttp2 -ldflags "-s -w" -o "$tmp/c-$os-$arch" ./cmd/conduite
    echo "  $os/$arch: $(stat -c %s "$tmp/c-$os-$arch") bytes"
  done
done

echo "== start-up beside the floor (Bubble Tea v2 calling Glamour v2), side by side; targets: wizard/floor <= 1.10, evaluate/version <= 1.3"
mkdir -p "$tmp/config" "$tmp/state"
run env XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" "$tmp/startbench" -runs "${STARTRUNS:-60}" -size 80x24 \
  -pty "floor|choice: 1|$tmp/floorprog -fps 120" \
  -pty "wizard|Commencer|$tmp/conduite --no-save --lang fr" \
  -pty "wizard-loaded|Référentiel : Éducation nationale|$tmp/conduite --no-save --lang fr" \
  -proc "floor-h|$tmp/floorprog -h" \
  -proc "version|$tmp/conduite --version" \
  -proc "evaluate|$tmp/conduite evaluate examples/zoom-conseil-classe.yaml" \
  -ratio wizard/floor -ratio wizard-loaded/floor -ratio evaluate/version -ratio version/floor-h
if command -v valgrind >/dev/null; then
  echo "-- instructions (callgrind; independent of the load), median of 5"
  icount() { for _ in 1 2 3 4 5; do GODEBUG=asyncpreemptoff=1 XDG_CONFIG_HOME="$tmp/config" \
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $4}'; done |
    sort -n | sed -n 3p; }
  echo "floorprog -h: $(icount "$tmp/floorprog" -h)"
  echo "conduite --version: $(icount "$tmp/conduite" --version)"
  echo "conduite evaluate: $(icount "$tmp/conduite" evaluate examples/zoom-conseil-classe.yaml)"
else
  echo "valgrind is not installed: no instruction counts (apt-get install valgrind)"
fi

echo "== conduite evaluate, whole process"
run "$tmp/procbench" -runs "$RUNS" -inputs 'examples/*' -- "$tmp/conduite" evaluate {}
run "$tmp/procbench" -runs "$RUNS" -inputs 'examples/*' -- "$tmp/conduite" evaluate --format json {}
run "$tmp/procbench" -runs "$RUNS" -inputs 'examples/*' -- "$tmp/conduite" evaluate --format html {}
run "$tmp/procbench" -runs "$RUNS" -- "$tmp/conduite" --version
echo "-- on a terminal (glamour), until the report's last line is on the emulated screen"
run "$tmp/termbench" -size 100x200 -runs 30 -first "ne remplace pas" -- "$tmp/conduite" evaluate examples/discord-classe.yaml

echo "== batch triage of 1,000 answers files"
run "$tmp/procbench" -runs 10 -gen 1000 -- "$tmp/conduite" evaluate --format csv {dir}
run "$tmp/procbench" -runs 10 -gen 1000 -- "$tmp/conduite" evaluate {dir}
run "$tmp/procbench" -runs 5 -gen 1000 -- "$tmp/conduite" evaluate --format csv --force --output-dir "$tmp/reports" {dir}

echo "== in-process evaluation, one core"
run go test -run '^$' -bench 'Level|Evaluate|ParseAnswers|Load' -benchmem -cpu 1 -count 5 ./questionnaire

echo "== report rendering"
run go test -run '^$' -bench 'RenderTerminal|Markdown' -benchmem -cpu 1 -count 5 ./report

echo "== the wizard beside gum choose, same harness"
run "$tmp/termbench" -size 80x24 -runs 30 -first "Commencer" -key enter -after "Quel outil" -- "$tmp/conduite"
if command -v gum >/dev/null; then
  echo "gum: $(gum --version)"
  run "$tmp/termbench" -size 80x24 -runs 30 -first "> un" -key down -after "> deux" -- "$(command -v gum)" choose un deux trois
else
  echo "gum is not installed (it is not a dependency): go install github.com/charmbracelet/gum@v0.17.0"
fi

#!/usr/bin/env bash
# Drift-recovery grid: 20-day `experiment drift` of one task on every mission x stream seed, two runs at a time,
# each on a copy of the mission with `learning: {seed: SEED, EXTRA}`, then a summary (summary.py).
# Usage (from the project root, after ./mvnw -DskipTests package; copy verification/target aside first if you
# rebuild while it runs):
#   verification/drift-grid/run.sh OUT TASK "MISSION.yaml ..." "SEED ..." [EXTRA_YAML] [BUILD_ROOT]
# e.g. verification/drift-grid/run.sh /tmp/g sea "$(ls verification/drift-grid/orbits/*.yaml)" "301 307 311"
# START=2026-11-20T00:00:00Z in the environment moves every copy's `start:` (another season: the Sun, and so the
# inputs' drift, differs from one start date to the next).
set -euo pipefail
out=$1; task=$2; missions=$3; seeds=$4; extra=${5:-}; root=${6:-$(pwd)}; start=${START:-}
mkdir -p "$out"
rm -f "$out/failed.txt"
one() {
  local mission=$1 seed=$2 name copy
  name=$(basename "$mission" .yaml)
  copy="$out/.mission-$name-$task-$seed.yaml"
  grep -v '^learning:' "$mission" > "$copy"
  if [ -n "$start" ]; then
    grep -q '^start:' "$copy" || { echo "$name seed $seed (no start: line to move)" >> "$out/failed.txt"; return 0; }
    sed -i "s/^start:.*/start: $start/" "$copy"
  fi
  echo "learning: {seed: $seed${extra:+, $extra}}" >> "$copy"
  java -Xmx2g -XX:+UseSerialGC -cp "$root/verification/target/classes:$root/verification/target/lib/*" \
    io.onorbit.verification.launcher.OnOrbitCli experiment drift "$copy" --days 20 --task "$task" --quiet \
    --format json --force --out "$out/$name-$task-$seed.json" 2> "$out/$name-$task-$seed.err" \
    || echo "$name seed $seed (see $out/$name-$task-$seed.err)" >> "$out/failed.txt"
}
export -f one
export out task extra root start
for m in $missions; do for s in $seeds; do echo "$m $s"; done; done | xargs -P 2 -n 2 bash -c 'one "$0" "$1"'
python3 "$(dirname "$0")/summary.py" "$out"
if [ -s "$out/failed.txt" ]; then # a run that failed is not left out of the figures silently
  echo "$(wc -l < "$out/failed.txt") runs failed, not in the figures above:" >&2
  cat "$out/failed.txt" >&2
  exit 1
fi

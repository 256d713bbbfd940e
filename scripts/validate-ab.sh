#!/usr/bin/env bash
# Times `crmkit validate FILE` end to end with several crmkit binaries, one after another in each
# of four rounds, so that every binary meets the same minutes of a machine whose speed drifts.
# Each line is one binary: the mean wall time of `perf stat -r 5` per round, then the CPU (ms).
#
#   scripts/validate-ab.sh FILE BINARY...    (mapping: mappings/outlook-contacts.yaml, or $MAPPING)
set -euo pipefail
if [ $# -lt 2 ]; then
    echo "usage: $0 FILE BINARY..." >&2
    exit 64
fi
file=$1
shift
mapping=${MAPPING:-$(dirname "$0")/../mappings/outlook-contacts.yaml}
for round in 1 2 3 4; do
    for binary in "$@"; do
        perf stat -r 5 "$binary" validate "$file" --mapping "$mapping" 2>&1 >/dev/null \
            | awk -v b="$binary" '/task-clock/ { cpu = $1 } /elapsed/ { print b, cpu, $1 }'
    done
done | awk '{ wall[$1] = wall[$1] " " $3; cpu[$1] = cpu[$1] " " $2 }
    END { for (b in wall) print b, "wall s:" wall[b], " cpu ms:" cpu[b] }'

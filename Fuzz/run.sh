#!/usr/bin/env bash
# Builds and runs the libFuzzer targets (Fuzz/Package.swift). See docs/fuzzing.md.
#   Fuzz/run.sh build                # build every target into .build-fuzz/release/fuzz-*
#   Fuzz/run.sh clean                # forget the fuzz build (`build` does when files come or go)
#   Fuzz/run.sh list                 # the targets' names
#   Fuzz/run.sh run csv 600          # fuzz one target for N seconds, seeded from the corpora
#   Fuzz/run.sh ci 30                # build, then every target in turn for N seconds; fails on
#                                    # any crash, sanitizer report, hang or memory overrun
#   Fuzz/run.sh all 600              # every target at once, niced, in the background; waits
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
ROOT=$(pwd)
OUT=fuzz-artifacts
SCRATCH=.build-fuzz
BIN="$SCRATCH/release"
# The test corpora: $CRMKIT_CORPORA, or shared/corpora beside the clone (CI) or one level up.
CORPORA=${CRMKIT_CORPORA:-}
if [ -z "$CORPORA" ]; then
  for c in ../shared/corpora ../../shared/corpora; do [ -d "$c" ] && { CORPORA=$c; break; }; done
fi
[ -d "${CORPORA:-/nonexistent}" ] || echo "fuzz: no test corpora found (set CRMKIT_CORPORA); seeding from the repository only" >&2
# Per input: a hang after this many seconds, runaway memory past this many MB (ASan itself
# accounts for a few hundred), inputs up to 64 KiB (past the readers' 64 KiB chunk boundary).
TIMEOUT=${FUZZ_TIMEOUT:-10}
RSS_MB=${FUZZ_RSS_MB:-2048}
MAX_LEN=${FUZZ_MAX_LEN:-65536}

# The targets are the package's executable targets, one folder each under Fuzz/Sources.
targets() {
  for d in Fuzz/Sources/fuzz-*/; do d=${d%/}; echo "${d##*/fuzz-}"; done
}

build() {
  # SwiftPM compiles every module the targets need, from crmkit's own manifest, instrumented for
  # coverage (fuzzer; the coverage kinds spelt out, without which SwiftPM's release build leaves
  # the Swift modules uninstrumented) and memory errors (address). SwiftPM does not notice files
  # added to or removed from a path dependency, so the list of source files is kept beside the
  # build, and a build made from another list is thrown away first.
  local files stamp="$SCRATCH/source-files"
  files=$(find Sources Fuzz/Sources -name '*.swift' -o -name '*.c' -o -name '*.h' | LC_ALL=C sort)
  if [ -d "$SCRATCH" ] && { [ ! -f "$stamp" ] || [ "$files" != "$(cat "$stamp")" ]; }; then
    echo "fuzz: files were added or removed since the last fuzz build; building afresh" >&2
    rm -rf "$SCRATCH"
  fi
  swift build --package-path Fuzz --scratch-path "$SCRATCH" -c release \
    --sanitize fuzzer --sanitize address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp 2>&1 | { grep -v "Cannot export local symbol" || true; }
  printf '%s' "$files" > "$stamp"
}

# Copies files into a seed folder, each prefixed by the option byte(s) its target expects.
# Arguments: folder, prefix (printf format, may be empty), then `find` arguments.
add_seeds() {
  local dir=$1 prefix=$2; shift 2
  { find "$@" -type f -size -256k 2>/dev/null || true; } | while read -r f; do
    { printf "$prefix"; cat "$f"; } > "$dir/$(echo "$f" | tr '/' '_').seed"
  done
}

# The seed corpus of a target: the test corpora, the repository's samples and mappings, and the
# small hand-checked seeds in Fuzz/Seeds/<target>/. Grown inputs stay in the folder between runs.
seed() {
  local t=$1 dir="$OUT/corpus-$1"
  mkdir -p "$dir"
  case $t in
    csv)
      add_seeds "$dir" '\000' "$CORPORA/csv" "$CORPORA/crm-csv" samples -name '*.[ct]sv' -o -name '*.txt' ;;
    vcard) add_seeds "$dir" '\000' "$CORPORA/vcard" samples -name '*.vcf' ;;
    xml) add_seeds "$dir" '\000' "$CORPORA/xml" samples -name '*.xml' ;;
    encoding)
      add_seeds "$dir" '\000' "$CORPORA/encodings" -name '*'
      add_seeds "$dir" '\203' "$CORPORA/csv" -name '*.csv' ;;
    mapping) add_seeds "$dir" '' mappings Fuzz/Seeds/mapping -name '*.yaml' ;;
    schema)
      # The option byte names the file the seed is written to (see fuzz-schema).
      add_seeds "$dir" '\000' Fuzz/Seeds/schema/forms -name 'contacts*.yaml'
      add_seeds "$dir" '\001' Fuzz/Seeds/schema/forms -name 'organizations*.yaml'
      add_seeds "$dir" '\002' Fuzz/Seeds/schema/forms -name 'opportunities*.yaml'
      add_seeds "$dir" '\003' Fuzz/Seeds/schema/tags -name 'contacts*.yaml'
      add_seeds "$dir" '\004' Fuzz/Seeds/schema/tags -name 'leads*.yaml'
      add_seeds "$dir" '\006' Fuzz/Seeds/schema/case-types -name '*.yaml' ;;
    plan) add_seeds "$dir" '' Fuzz/Seeds/plan -name '*.json' ;;
    merge-plan) add_seeds "$dir" '' Fuzz/Seeds/merge-plan -name '*.yaml' ;;
    json) add_seeds "$dir" '' Fuzz/Seeds/json Fuzz/Seeds/plan "$CORPORA" -name '*.json' ;;
    *) echo "no seeds for $t" >&2 ;;
  esac
  [ -n "$(ls -A "$dir")" ] || printf '\000' > "$dir/empty.seed"
}

# Runs one target for N seconds; the fuzzer's exit status is the result (non-zero on a crash,
# sanitizer report, -timeout or -rss_limit_mb). The log keeps the whole output.
run() {
  local t=$1 secs=${2:-600}
  seed "$t"
  mkdir -p "$OUT/crashes-$t"
  local status=0
  SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$ROOT/Fuzz/lsan-suppressions.txt:print_suppressions=0" "$BIN/fuzz-$t" "$OUT/corpus-$t" -max_total_time="$secs" -seed="${FUZZ_SEED:-0}" -max_len="$MAX_LEN" -timeout="$TIMEOUT" \
    -rss_limit_mb="$RSS_MB" -artifact_prefix="$OUT/crashes-$t/" -print_final_stats=1 \
    > "$OUT/fuzz-$t.log" 2>&1 || status=$?
  summary "$t" "$status"
  return "$status"
}

# One line per run: executions, speed, coverage and peak memory, then the verdict.
summary() {
  local t=$1 status=$2 log="$OUT/fuzz-$1.log"
  local execs speed cov ft rss
  # Each may be missing (a crash before the first status line): never an error here.
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1 || true)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1 || true)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1 || true)
  cov=$({ grep -o 'cov: [0-9]*' "$log" || true; } | tail -n 1 | cut -d' ' -f2)
  ft=$({ grep -o 'ft: [0-9]*' "$log" || true; } | tail -n 1 | cut -d' ' -f2)
  if [ "$status" = 0 ]; then
    printf 'fuzz-%-11s %9s executions  %6s exec/s  cov %5s  ft %6s  peak %5s MB  no crash\n' \
      "$t" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${rss:-?}"
    if grep -q 'no interesting inputs were found' "$log"; then
      echo "    warning: no coverage seen; the code under test may not be instrumented (try Fuzz/run.sh clean)"
    fi
  else
    printf 'fuzz-%-11s FAILED (exit %s) after %s executions; log %s, input in %s\n' \
      "$t" "$status" "${execs:-?}" "$log" "$OUT/crashes-$t/"
    { grep -E 'ERROR: |SUMMARY: |Fatal error|fuzz finding|Test unit written|^Base64: ' "$log" || true; } | head -n 12 | sed 's/^/    /'
  fi
}

mkdir -p "$OUT"
case ${1:-} in
  build) build ;;
  clean) rm -rf "$SCRATCH" ;;
  list) targets ;;
  run) [ -n "${FUZZ_NO_BUILD:-}" ] || build; run "$2" "${3:-600}" ;;
  ci)
    # A fixed seed (libFuzzer's 0 means random): CI explores the same way on every run, so a
    # red CI is a finding to reproduce, not luck; fuzz locally (`run`, `all`) to explore further.
    export FUZZ_SEED="${FUZZ_SEED:-1}"
    build
    failed=0
    for t in $(targets); do run "$t" "${2:-30}" || failed=1; done
    exit "$failed" ;;
  all)
    build
    for t in $(targets); do FUZZ_NO_BUILD=1 nice -n 10 "$0" run "$t" "${2:-600}" & done
    wait ;;
  *) echo "usage: $0 build | clean | list | run TARGET [seconds] | ci [seconds] | all [seconds]" >&2; exit 64 ;;
esac

#!/usr/bin/env bash
# Builds and runs the libFuzzer targets of the readers. See docs/fuzzing.md.
#   Fuzz/run.sh build              # build fuzz-csv, fuzz-vcard, fuzz-xml into fuzz-artifacts/
#   Fuzz/run.sh run csv 600        # fuzz one format for N seconds (seeded from ../shared/corpora)
#   Fuzz/run.sh all 600            # all three at once, in the background, niced; waits for them
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
OUT=fuzz-artifacts
CORPORA=${CRMKIT_CORPORA:-../shared/corpora}
mkdir -p "$OUT"

build() {
  local fmt=$1 flag
  flag=$(echo "FUZZ_$fmt" | tr '[:lower:]' '[:upper:]')
  mkdir -p "$OUT/build"
  clang -c -g -O1 -fsanitize=fuzzer-no-link,address $(pkg-config --cflags libxml-2.0) \
    -I Sources/CXMLBridge/include Sources/CXMLBridge/bridge.c -o "$OUT/build/bridge.o"
  cat > "$OUT/build/module.modulemap" <<MAP
module CXMLBridge {
  header "$(pwd)/Sources/CXMLBridge/include/CXMLBridge.h"
  export *
}
MAP
  rm -f "$OUT/fuzz-$fmt"  # never write over a running fuzzer
  swiftc -parse-as-library -O -g -sanitize=fuzzer,address -D "$flag" -module-name CRMImport \
    -Xcc -fmodule-map-file="$OUT/build/module.modulemap" \
    $(find Sources/CRMImport -name '*.swift') Fuzz/FuzzTarget.swift "$OUT/build/bridge.o" \
    -lxml2 -o "$OUT/fuzz-$fmt" 2> >(grep -v "Cannot export local symbol" >&2)
}

seed() {
  local fmt=$1 dir="$OUT/corpus-$1"
  mkdir -p "$dir"
  case $fmt in
    csv) find "$CORPORA/csv" "$CORPORA/crm-csv" -type f \( -name '*.csv' -o -name '*.tsv' -o -name '*.txt' \) ;;
    vcard) find "$CORPORA/vcard" -type f -name '*.vcf' ;;
    xml) find "$CORPORA/xml" -type f -name '*.xml' ;;
  esac 2>/dev/null | while read -r f; do
    # libFuzzer inputs start with an option byte.
    { printf '\000'; cat "$f"; } > "$dir/$(basename "$f").seed"
  done
}

run() {
  local fmt=$1 secs=${2:-600}
  [ -x "$OUT/fuzz-$fmt" ] || build "$fmt"
  seed "$fmt"
  mkdir -p "$OUT/crashes-$fmt"
  "$OUT/fuzz-$fmt" "$OUT/corpus-$fmt" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
    -artifact_prefix="$OUT/crashes-$fmt/" -print_final_stats=1 > "$OUT/fuzz-$fmt.log" 2>&1
  tail -n 12 "$OUT/fuzz-$fmt.log"
}

case ${1:-} in
  build) for f in csv vcard xml; do build $f; done ;;
  run) run "$2" "${3:-600}" ;;
  all)
    for f in csv vcard xml; do build $f; done
    for f in csv vcard xml; do nice -n 10 "$0" run $f "${2:-600}" & done
    wait ;;
  *) echo "usage: $0 build | run csv|vcard|xml [seconds] | all [seconds]" >&2; exit 64 ;;
esac

#!/usr/bin/env bash
# Contract test: fuzzes the sandbox with schemathesis against docs/openapi.yaml.
#
# Starts `crmkit sandbox serve` on a fresh database, waits for its first stdout line
# "listening on http://HOST:PORT", runs schemathesis with the checks not_a_server_error and
# response_schema_conformance (a bounded number of test cases per operation, a few minutes in all),
# then stops the server. Exit status: schemathesis's (0 when no check failed).
#
# Environment (all optional):
#   SCHEMATHESIS_VERSION  pinned version installed from PyPI (default below, the one tested)
#   MAX_EXAMPLES          test cases per operation and phase (default 20)
#   SEED                  schemathesis seed, for reproducible runs (default 1)
#   WORKERS               concurrent schemathesis workers (default 1: schemathesis 4.32.5 showed
#                         sporadic internal errors in the coverage phase with several workers)
#   PHASES                schemathesis phases (default examples,coverage,fuzzing,stateful; the
#                         stateful phase follows the links of openapi.yaml from creates to reads)
#   STARTUP_TIMEOUT       seconds to wait for the "listening on" line (default 120)
#   REPORT_DIR            where to write a JUnit report and schemathesis's crash store (default:
#                         a temporary directory, removed at the end)
#   VENV_DIR              virtualenv for schemathesis (default ~/.cache/crmkit/schemathesis-VERSION)
#   SANDBOX_CMD           command that starts the server, given the flags below; default
#                         "swift run --skip-build crmkit sandbox serve" after `swift build`
#   EXTRA_ARGS            more schemathesis arguments, e.g. "--include-operation-id listLeads"
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"
MAX_EXAMPLES="${MAX_EXAMPLES:-20}"
SEED="${SEED:-1}"
WORKERS="${WORKERS:-1}"
PHASES="${PHASES:-examples,coverage,fuzzing,stateful}"
STARTUP_TIMEOUT="${STARTUP_TIMEOUT:-120}"
VENV_DIR="${VENV_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/crmkit/schemathesis-$SCHEMATHESIS_VERSION}"
API_KEY="contract-test-$$-$RANDOM$RANDOM"
export PATH="/opt/swift/usr/bin:$PATH"

# 1. schemathesis, pinned, in its own virtualenv (reused between runs).
if ! "$VENV_DIR/bin/schemathesis" --version 2>/dev/null | grep -qF "$SCHEMATHESIS_VERSION"; then
  python3 -m venv "$VENV_DIR"
  "$VENV_DIR/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

TMP="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 2. The sandbox, in its own process group so that it and any child are stopped together, on a
# free loopback port chosen only once it is built, so that nothing else takes the port in between
# (the sandbox prints the address it really listens on; that one is used).
if [ -z "${SANDBOX_CMD:-}" ]; then
  swift build --product crmkit
  SANDBOX_CMD="swift run --skip-build crmkit sandbox serve"
fi
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# shellcheck disable=SC2086  # SANDBOX_CMD is a command line
setsid $SANDBOX_CMD --db "$TMP/s.sqlite" --host 127.0.0.1 --port "$PORT" --api-key "$API_KEY" \
  >"$TMP/server.out" 2>"$TMP/server.err" </dev/null &
SERVER_PID=$!

BASE_URL=""
deadline=$((SECONDS + STARTUP_TIMEOUT))
while [ -z "$BASE_URL" ]; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "error: the sandbox exited before listening; its output:" >&2
    cat "$TMP/server.out" "$TMP/server.err" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "error: no 'listening on http://HOST:PORT' line within ${STARTUP_TIMEOUT}s; output so far:" >&2
    cat "$TMP/server.out" "$TMP/server.err" >&2
    exit 1
  fi
  BASE_URL="$(sed -n 's#^listening on \(http://[^[:space:]]*\)[[:space:]]*$#\1#p' "$TMP/server.out" | head -n 1)"
  [ -n "$BASE_URL" ] || sleep 0.2
done
echo "sandbox listening on $BASE_URL (pid $SERVER_PID)" >&2

# 3. schemathesis.
# schemathesis keeps a crash store (for `schemathesis replay`) in its working directory: run it in
# REPORT_DIR when given (kept), else in the temporary directory (removed), never in the worktree.
SPEC="$PWD/docs/openapi.yaml"
RUN_DIR="$TMP"
report_args=()
if [ -n "${REPORT_DIR:-}" ]; then
  mkdir -p "$REPORT_DIR"
  RUN_DIR="$(cd "$REPORT_DIR" && pwd)"
  report_args=(--report junit --report-dir "$RUN_DIR")
fi
status=0
# shellcheck disable=SC2086  # EXTRA_ARGS is a list of arguments
(cd "$RUN_DIR" && exec "$VENV_DIR/bin/schemathesis" run "$SPEC" \
  --url "$BASE_URL" \
  --header "Ocp-Apim-Subscription-Key: $API_KEY" \
  --checks not_a_server_error,response_schema_conformance \
  --phases "$PHASES" \
  --max-examples "$MAX_EXAMPLES" \
  --seed "$SEED" \
  --workers "$WORKERS" \
  --request-timeout 10 \
  --generation-database none \
  --suppress-health-check all \
  --output-sanitize true \
  --no-color \
  "${report_args[@]}" \
  ${EXTRA_ARGS:-}) || status=$?

if [ "$status" -ne 0 ]; then
  echo "--- sandbox stderr (last 50 lines) ---" >&2
  tail -n 50 "$TMP/server.err" >&2 || true
fi
exit "$status"

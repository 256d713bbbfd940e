#!/usr/bin/env bash
# Runs the browser test of `crmkit review` (.ci/review-browser.py) with Debian's chromium and
# chromium-driver and Selenium from PyPI in $VENV. Needs `swift build` done. The screenshots go
# to docs/images/review-group.png and review-conflict.png, which docs/review.md shows.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
CRMKIT="$(swift build --show-bin-path)/crmkit"
mkdir -p docs/images
# Selenium must use the system driver, never download one.
SE_OFFLINE=true timeout 180 "$VENV/bin/python" .ci/review-browser.py "$CRMKIT" "$WORK" \
  docs/images/review-group.png docs/images/review-conflict.png

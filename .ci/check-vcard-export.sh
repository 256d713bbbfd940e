#!/usr/bin/env bash
# Exports contacts from a fresh embedded sandbox as vCard 4.0 and 3.0 and has vobject (an
# independent reader, from PyPI) parse them. Needs `swift build` done and $VENV with vobject.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
CRMKIT="$(swift build --show-bin-path)/crmkit"
DB="$WORK/s.sqlite"
org=$("$CRMKIT" organizations create --sandbox "$DB" --json --data '{"name":"Société Générale; Test, Inc."}' 2>/dev/null \
  | "$VENV/bin/python" -c 'import json,sys; print(json.load(sys.stdin)["id"])')
"$CRMKIT" contacts create --sandbox "$DB" --data "{\"name\":\"Zoë Ångström-Duval\",\"organizationId\":\"$org\",\"jobTitle\":\"Head of a rather long department name that needs folding at seventy-five octets\",\"note\":\"line one\\nline two; with, separators\",\"email\":[{\"label\":\"Work\",\"value\":\"zoe@example.org\",\"primary\":true},{\"label\":\"Other\",\"value\":\"z@news.example\"}],\"phone\":[{\"label\":\"Mobile\",\"value\":\"+33142685300\"}]}" >/dev/null 2>&1
"$CRMKIT" contacts create --sandbox "$DB" --data '{"name":"Bo Li","email":[{"label":"Personal","value":"bo@example.net"}]}' >/dev/null 2>&1
for version in 4.0 3.0; do
  "$CRMKIT" export contacts --format vcard --vcard-version "$version" --out "$WORK/contacts-$version.vcf" --sandbox "$DB" >/dev/null 2>&1
  "$VENV/bin/python" scripts/check-vcard.py "$WORK/contacts-$version.vcf" --version "$version" --cards 2 \
    --expect-email zoe@example.org --expect-email z@news.example --expect-email bo@example.net \
    --expect-org "Société Générale; Test, Inc."
done

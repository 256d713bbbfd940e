#!/usr/bin/env python3
"""Checks every mapping in mappings/ against docs/mapping.schema.json (pip: jsonschema, PyYAML),
and that the schema takes the keys the mapping format documents (error policy, fallback rules,
acceptLossy) and refuses settings no transform takes, as crmkit does."""
import json, pathlib, sys
import jsonschema, yaml

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "docs/mapping.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = 0
for path in sorted((root / "mappings").glob("*.yaml")):
    errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
    for error in errors:
        print(f"{path.relative_to(root)}: {'/'.join(map(str, error.absolute_path))}: {error.message[:200]}")
    failed += bool(errors)
print(f"{len(list((root / 'mappings').glob('*.yaml')))} mappings checked, {failed} failed")

# Small mappings the schema must take, and ones it must refuse (as crmkit's parser does).
accepted = [
    "target: contact\ndefaults: { acceptLossy: true }\nfields:\n  name: { from: FN, onInvalid: reject, fallback: { template: '{{N.given}} {{N.family}}' } }\n",
    "target: contact\nfields:\n  name: N\n  phone: { entries: [{ from: P, onInvalid: keep }], onInvalid: drop, transforms: [phone] }\n",
    "target: contact\nfields:\n  name: N\n  email: { property: EMAIL, onInvalid: drop }\nextras:\n  born: { from: B, transforms: [{ date: yyyyMMdd }], onInvalid: keep }\n",
]
refused = [
    "target: contact\nfields:\n  name: N\nextras:\n  born: { from: B, transforms: [{ date: yyyyMMdd, otherwise: empty }] }\n",
    "target: contact\nfields:\n  name: { from: N, onInvalid: ignore }\n",
    "target: contact\nfields:\n  name: N\n  phone: { from: P, transforms: [{ datetime: { format: x, timezon: UTC } }] }\n",
]
for text in accepted:
    errors = list(validator.iter_errors(yaml.safe_load(text)))
    if errors:
        print(f"schema refuses a valid mapping: {errors[0].message[:200]}\n{text}")
        failed += 1
for text in refused:
    if validator.is_valid(yaml.safe_load(text)):
        print(f"schema takes a mapping crmkit refuses:\n{text}")
        failed += 1
sys.exit(1 if failed else 0)

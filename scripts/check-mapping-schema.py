#!/usr/bin/env python3
"""Checks every mapping in mappings/ against docs/mapping.schema.json (pip: jsonschema, PyYAML)."""
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
sys.exit(1 if failed else 0)

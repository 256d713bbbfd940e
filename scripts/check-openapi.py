#!/usr/bin/env python3
"""Checks docs/openapi.yaml: a valid OpenAPI 3.1 document with exactly the 68 operations of the
CRM API reference (counted by method + path), unique operationIds, the documented error responses
on every operation, and request and response examples that validate against their schemas.

Usage: scripts/check-openapi.py [path/to/openapi.yaml]
Needs: pip install openapi-spec-validator pyyaml   (jsonschema comes with it)
Exit status: 0 when every check passes, 1 otherwise (each problem printed on stderr).
"""
import sys
from pathlib import Path

try:
    import yaml
    import jsonschema
    from openapi_spec_validator import validate
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as e:  # pragma: no cover
    sys.exit(f"error: {e.name} missing; run: pip install openapi-spec-validator pyyaml")

EXPECTED = {
    # Leads (12)
    ("get", "/pipeline/leads"), ("post", "/pipeline/leads"), ("get", "/pipeline/leads/{id}"),
    ("patch", "/pipeline/leads/{id}"), ("delete", "/pipeline/leads/{id}"),
    ("patch", "/pipeline/leads/{id}/archive"), ("patch", "/pipeline/leads/{id}/unarchive"),
    ("post", "/pipeline/leads/{id}/convert"), ("get", "/pipeline/tags/leads"), ("post", "/pipeline/tags/leads"),
    ("patch", "/pipeline/tags/leads/{id}"), ("delete", "/pipeline/tags/leads/{id}"),
    # Opportunities (15)
    ("get", "/pipeline/opportunities"), ("post", "/pipeline/opportunities"), ("get", "/pipeline/opportunities/{id}"),
    ("patch", "/pipeline/opportunities/{id}"), ("delete", "/pipeline/opportunities/{id}"),
    ("patch", "/pipeline/opportunities/{id}/updateStatus"), ("patch", "/pipeline/opportunities/{id}/updateStage"),
    ("get", "/pipeline/pipelines/opportunities"), ("get", "/pipeline/pipelines/opportunities/{id}"),
    ("get", "/pipeline/forms/opportunities"), ("put", "/pipeline/forms/opportunities"),
    ("get", "/pipeline/tags/opportunities"), ("post", "/pipeline/tags/opportunities"),
    ("patch", "/pipeline/tags/opportunities/{id}"), ("delete", "/pipeline/tags/opportunities/{id}"),
    # Contacts (12)
    ("get", "/directory/contacts"), ("post", "/directory/contacts"), ("get", "/directory/contacts/{id}"),
    ("patch", "/directory/contacts/{id}"), ("delete", "/directory/contacts/{id}"),
    ("post", "/directory/contacts/{id}/merge"), ("get", "/directory/forms/contacts"), ("put", "/directory/forms/contacts"),
    ("get", "/directory/tags/contacts"), ("post", "/directory/tags/contacts"),
    ("patch", "/directory/tags/contacts/{id}"), ("delete", "/directory/tags/contacts/{id}"),
    # Organizations (12)
    ("get", "/directory/organizations"), ("post", "/directory/organizations"), ("get", "/directory/organizations/{id}"),
    ("patch", "/directory/organizations/{id}"), ("delete", "/directory/organizations/{id}"),
    ("post", "/directory/organizations/{id}/merge"), ("get", "/directory/forms/organizations"),
    ("put", "/directory/forms/organizations"), ("get", "/directory/tags/organizations"),
    ("post", "/directory/tags/organizations"), ("patch", "/directory/tags/organizations/{id}"),
    ("delete", "/directory/tags/organizations/{id}"),
    # Cases (14)
    ("get", "/cases/cases"), ("post", "/cases/cases"), ("get", "/cases/cases/{id}"), ("patch", "/cases/cases/{id}"),
    ("delete", "/cases/cases/{id}"), ("get", "/cases/types/cases"), ("post", "/cases/types/cases"),
    ("delete", "/cases/types/cases/{id}"), ("get", "/cases/types/cases/{id}"), ("patch", "/cases/types/cases/{id}"),
    ("get", "/cases/tags/cases"), ("post", "/cases/tags/cases"), ("patch", "/cases/tags/cases/{id}"),
    ("delete", "/cases/tags/cases/{id}"),
    # Bulk actions (3)
    ("post", "/pipeline/bulk-actions"), ("post", "/directory/bulk-actions"), ("post", "/cases/bulk-actions"),
}
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
ERROR_STATUSES = ["400", "401", "404", "413", "429", "500", "503"]


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml")
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = []

    try:
        validate(spec)
    except Exception as e:  # the validator raises several exception types
        problems.append(f"not a valid OpenAPI document: {e}")

    if not str(spec.get("openapi", "")).startswith("3.1"):
        problems.append(f"openapi version is {spec.get('openapi')!r}, expected 3.1.x")

    ops = {}
    for p, item in (spec.get("paths") or {}).items():
        for m, op in item.items():
            if m in METHODS:
                ops[(m, p)] = op
    if len(ops) != 68:
        problems.append(f"{len(ops)} operations, expected 68")
    for m, p in sorted(EXPECTED - ops.keys()):
        problems.append(f"missing operation {m.upper()} {p}")
    for m, p in sorted(ops.keys() - EXPECTED):
        problems.append(f"unexpected operation {m.upper()} {p}")

    seen = {}
    for (m, p), op in ops.items():
        where = f"{m.upper()} {p}"
        oid = op.get("operationId")
        if not oid:
            problems.append(f"{where}: no operationId")
        elif oid in seen:
            problems.append(f"{where}: operationId {oid} also used by {seen[oid]}")
        else:
            seen[oid] = where
        if not op.get("tags"):
            problems.append(f"{where}: no tag")
        responses = op.get("responses", {})
        if not any(s in responses for s in ("200", "201", "204")):
            problems.append(f"{where}: no 200/201/204 response")
        for s in ERROR_STATUSES:
            if s not in responses:
                problems.append(f"{where}: no {s} response")

    sec = spec.get("components", {}).get("securitySchemes", {})
    if not any(s.get("type") == "apiKey" and s.get("in") == "header" and s.get("name") == "Ocp-Apim-Subscription-Key"
               for s in sec.values()):
        problems.append("no apiKey security scheme for header Ocp-Apim-Subscription-Key")
    if not spec.get("security"):
        problems.append("security is not applied globally")

    # Request examples must validate against their schemas (schemas resolved against the document).
    registry = Registry().with_resource("urn:openapi", Resource.from_contents(spec, default_specification=DRAFT202012))
    n_examples = 0
    for (m, p), op in ops.items():
        medias = [("request", op.get("requestBody", {}).get("content", {}).get("application/json"))]
        for status, resp in op.get("responses", {}).items():
            if "content" in resp:
                medias.append((f"response {status}", resp["content"].get("application/json")))
        for what, media in medias:
            if not media:
                continue
            schema = media["schema"]
            if "$ref" in schema:
                schema = {"$ref": "urn:openapi" + schema["$ref"]}
            validator = jsonschema.Draft202012Validator(schema, registry=registry)
            for name, ex in (media.get("examples") or {}).items():
                n_examples += 1
                for err in validator.iter_errors(ex.get("value")):
                    loc = "/".join(str(x) for x in err.absolute_path) or "(root)"
                    problems.append(f"{m.upper()} {p}: {what} example {name!r} at {loc}: {err.message}")

    for pr in problems:
        print(f"{path}: error: {pr}", file=sys.stderr)
    if problems:
        return 1
    print(f"{path}: OK: valid OpenAPI {spec['openapi']}, {len(ops)} operations, {n_examples} examples valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())

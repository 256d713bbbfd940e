#!/usr/bin/env python3
"""The import a user would script without crmkit: the baseline of `crmkit-bench import` (issue 7).

One request at a time through a `requests.Session` (keep-alive): for each row of a
`crmkit sample --format csv` file, GET /directory/contacts?email=... and then PATCH the
contact holding exactly that address, or POST a new one. No organizations, no phone
normalisation, no journal: it does less than `crmkit import`, so a speed-up measured against
it is, if anything, understated. Prints rows/s.

    python3 -m venv /tmp/venv-bench && /tmp/venv-bench/bin/pip install requests
    CRM_API_KEY=K /tmp/venv-bench/bin/python scripts/sequential-import.py \
        --base-url http://127.0.0.1:PORT --file contacts.csv --limit 2000
"""

import argparse
import csv
import os
import sys
import time

import requests


def body(row):
    """The contact a row becomes, straight from the columns (as crmkit-bench's baseline does)."""
    def column(name):
        return (row.get(name) or "").strip()

    contact = {"name": " ".join(part for part in (column("First Name"), column("Last Name")) if part)}
    if column("Email"):
        contact["email"] = [{"label": "Work", "value": column("Email"), "primary": True}]
    phones = []
    if column("Phone"):
        phones.append({"label": "Work", "value": column("Phone")})
    if column("Mobile"):
        phones.append({"label": "Mobile", "value": column("Mobile")})
    if phones:
        contact["phone"] = phones
    if column("Title"):
        contact["jobTitle"] = column("Title")
    if column("Notes"):
        contact["note"] = column("Notes")
    return contact


def exact_match(listing, email):
    """The id of the listed contact holding exactly `email` (the API's filter is a substring search)."""
    wanted = email.lower()
    for item in listing.get("items", []):
        if any((entry.get("value") or "").lower() == wanted for entry in item.get("email") or []):
            return item.get("id")
    return None


def main():
    parser = argparse.ArgumentParser(description="Sequential upsert of contacts, one request at a time.")
    parser.add_argument("--base-url", required=True, help="the API root, e.g. http://127.0.0.1:8080")
    parser.add_argument("--api-key", default=os.environ.get("CRM_API_KEY"),
                        help="the API key (default: $CRM_API_KEY; never printed)")
    parser.add_argument("--file", required=True, help="a CSV written by `crmkit sample --format csv`")
    parser.add_argument("--limit", type=int, default=2000, help="rows to import (default 2000)")
    args = parser.parse_args()
    if not args.api_key:
        parser.error("give --api-key or set CRM_API_KEY")

    base = args.base_url.rstrip("/")
    session = requests.Session()
    session.headers["Ocp-Apim-Subscription-Key"] = args.api_key
    rows = created = updated = failed = 0
    first_failure = None
    start = time.perf_counter()
    with open(args.file, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if rows >= args.limit:
                break
            rows += 1
            contact = body(row)
            email = (row.get("Email") or "").strip()
            try:
                existing = None
                if email:
                    response = session.get(base + "/directory/contacts", params={"email": email}, timeout=60)
                    response.raise_for_status()
                    existing = exact_match(response.json(), email)
                if existing is not None:
                    session.patch(f"{base}/directory/contacts/{existing}", json=contact, timeout=60).raise_for_status()
                    updated += 1
                else:
                    session.post(base + "/directory/contacts", json=contact, timeout=60).raise_for_status()
                    created += 1
            except requests.RequestException as error:
                failed += 1
                if first_failure is None:
                    detail = error.response.text[:300] if error.response is not None else str(error)
                    first_failure = f"row {rows}: {detail}"
    elapsed = time.perf_counter() - start
    print(f"{rows} rows in {elapsed:.2f} s = {rows / elapsed:.0f} rows/s "
          f"({created} created, {updated} updated, {failed} failed)")
    if first_failure:
        print(f"first failure: {first_failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks vCard files with vobject, a reader independent of crmkit: every card parses (with
vobject's validation) and can be written back by it, has the VERSION the file is meant to have
and an FN, and the e-mail addresses and organization names given are read.

Usage: scripts/check-vcard.py FILE.vcf --version 4.0|3.0 [--cards N] [--expect-email ADDRESS]... [--expect-org NAME]...
Needs: pip install vobject
Exit status: 0 when every check passes, 1 otherwise (each problem printed on stderr).
"""
import argparse
import sys

try:
    import vobject
except ImportError:  # pragma: no cover
    sys.exit("error: vobject missing; run: pip install vobject")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--version", required=True)
    parser.add_argument("--cards", type=int)
    parser.add_argument("--expect-email", action="append", default=[])
    parser.add_argument("--expect-org", action="append", default=[])
    args = parser.parse_args()
    problems = []
    with open(args.file, encoding="utf-8", newline="") as handle:
        text = handle.read()
    cards = list(vobject.readComponents(text, validate=True))
    emails, orgs = set(), set()
    for number, card in enumerate(cards, 1):
        version = card.contents.get("version", [None])[0]
        if version is None or version.value != args.version:
            problems.append(f"card {number}: VERSION {version.value if version else None}, expected {args.version}")
        if "fn" not in card.contents or not card.fn.value.strip():
            problems.append(f"card {number}: no FN")
        for email in card.contents.get("email", []):
            emails.add(email.value)
        for org in card.contents.get("org", []):
            orgs.add(org.value[0] if isinstance(org.value, list) else org.value)
        card.serialize()  # vobject can write back what it read
    if args.cards is not None and len(cards) != args.cards:
        problems.append(f"{len(cards)} cards, expected {args.cards}")
    problems += [f"e-mail {e} not read" for e in args.expect_email if e not in emails]
    problems += [f"organization {o} not read" for o in args.expect_org if o not in orgs]
    for problem in problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    if not problems:
        print(f"{args.file}: {len(cards)} vCards {args.version} read by vobject")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

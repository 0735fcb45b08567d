#!/usr/bin/env python3
"""Runs openapi-generator's Rust generator on every exported OpenAPI document and fails on
any warning that is not one of the kinds it gives for every document of this shape.

Usage: check_openapi_generator.py GENERATOR DOC...   (GENERATOR: the openapi-generator-cli
script of the PyPI package, whose wheel carries the jar, so nothing else is downloaded).
Prints, per document, the warnings by kind; exit 1 on a generator failure or a warning of
no known kind.
"""

import re
import subprocess
import sys
import tempfile
from collections import Counter

# (pattern of the warning text, why the document cannot avoid it).
INHERENT = [
    (
        r"^Application\w+ cannot be used as a model name\. Renamed to ApplicationSlash\w+$",
        "media type named as a model: once per content entry, even in a one-operation document",
    ),
    (
        r"^\S*\[\S*\] cannot be used as a (field/variable|parameter|model) name\. ",
        "wire name with brackets (filters[status]): form query parameters, as progenitor needs",
    ),
    (
        r"^\w+ cannot be used as a field/variable name\. Renamed to r#\w+$",
        "wire name that is a Rust keyword (type)",
    ),
    (
        r"^(vec|std::collections::hash_map)<.*> cannot be used as a field/variable name\. ",
        "union branch that is a list or map: the variant is named after its Rust type",
    ),
    (
        r"^AnyOf<.*> cannot be used as a model name\. ",
        "parameter of an integer enum, which accepts 1 or \"1\" (anyOf integer, string)",
    ),
    (
        r"^Failed to get the schema name: null$",
        "a union component with inline branches (the normalizer's self-reference check), or"
        " an Example Object on a response that is an array (ExamplesUtils.unaliasExamples)",
    ),
]

WARN = re.compile(r"\bWARN\s+\S+\s+-\s+(.*)$")


def kind(text):
    for pattern, reason in INHERENT:
        if re.search(pattern, text):
            return reason
    return None


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    generator, docs = argv[1], argv[2:]
    failed = False
    for doc in docs:
        with tempfile.TemporaryDirectory() as out:
            run = subprocess.run(
                [generator, "generate", "-g", "rust", "-i", doc, "-o", out],
                capture_output=True,
                text=True,
            )
        log = run.stdout + run.stderr
        warnings = [m.group(1).strip() for m in map(WARN.search, log.splitlines()) if m]
        kinds = Counter(kind(w) for w in warnings)
        unknown = [w for w in warnings if kind(w) is None]
        print(f"{doc}: {len(warnings)} warning(s), {len(unknown)} of no known kind")
        for reason, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
            if reason is not None:
                print(f"  {n:5}  {reason}")
        for w in sorted(set(unknown)):
            print(f"  UNKNOWN ({unknown.count(w)}x): {w}")
        if run.returncode != 0:
            print(f"  generator exited {run.returncode}:\n{log[-3000:]}")
            failed = True
        if unknown:
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

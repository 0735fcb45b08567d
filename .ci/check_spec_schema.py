"""Checks every spec file against spec/schema.json with an independent validator
(python-jsonschema), so the schema editors use is known to accept our specs and to
reject a misspelt key."""
import glob
import json
import sys

import jsonschema
import yaml

schema = json.load(open("spec/schema.json"))
validator = jsonschema.Draft202012Validator(schema)
failed = False
# The loader reads `.yaml` and `.yml` in any case of the extension; so does this check.
files = sorted(p for p in glob.glob("spec/*/*") if p.lower().endswith((".yaml", ".yml")))
if not files:
    print("no spec files found under spec/")
    sys.exit(1)
for path in files:
    for err in validator.iter_errors(yaml.safe_load(open(path))):
        failed = True
        print(f"{path}: {'/'.join(map(str, err.absolute_path))}: {err.message}")
probe = yaml.safe_load("operations:\n  x:\n    method: GTE\n    path: /x\n    sumary: s\n")
if len(list(validator.iter_errors(probe))) != 2:
    failed = True
    print("spec/schema.json accepted a broken spec (unknown method, misspelt key)")
print(f"{len(files)} spec files checked against spec/schema.json")
sys.exit(1 if failed else 0)

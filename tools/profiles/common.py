import json, os
B = "https://fhir.healthhomes.example"
V = "0.1.0"
DATE = "2026-05-01"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "profiles")
EX = os.path.join(ROOT, "examples")
PUB = "HealthHomes.Fhir"
CONTACT = [{"name": "HealthHomes.Fhir", "telecom": [{"system": "url", "value": B}]}]

def cs_url(i): return f"{B}/CodeSystem/{i}"
def vs_url(i): return f"{B}/ValueSet/{i}"
def sd_url(i): return f"{B}/StructureDefinition/{i}"
def sp_url(i): return f"{B}/SearchParameter/{i}"

WRITTEN = set()
def write(folder, name, res):
    assert (folder, name) not in WRITTEN, f"{name} written twice"
    WRITTEN.add((folder, name))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w") as f:
        json.dump(res, f, indent=2, ensure_ascii=False)
        f.write("\n")

def header(rt, id_, name, title, desc, status="active"):
    url = f"{B}/{rt}/{id_}"
    return {"resourceType": rt, "id": id_, "url": url, "version": V, "name": name, "title": title,
            "status": status, "experimental": False, "date": DATE, "publisher": PUB, "contact": CONTACT,
            "description": desc}

def pascal(s):
    return "".join(p[:1].upper() + p[1:] for p in s.replace("/", "-").split("-"))

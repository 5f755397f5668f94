from common import *

P = cs_url("hh-task-parameter")

def el(path, id_=None, **kw):
    e = {"id": id_ or path, "path": path}
    e.update(kw)
    return e

def bind(strength, vs, desc=None):
    b = {"strength": strength, "valueSet": vs_url(vs) if not vs.startswith("http") else vs}
    if desc: b["description"] = desc
    return b

def ref(*targets):
    return [{"code": "Reference", "targetProfile": [t if t.startswith("http") else (sd_url(t) if t.startswith("hh-") else f"http://hl7.org/fhir/StructureDefinition/{t}") for t in targets]}]

def cc(system, code, display=None):
    c = {"system": system, "code": code}
    if display: c["display"] = display
    return {"coding": [c]}

def inv(key, human, expr, severity="error"):
    return {"key": key, "severity": severity, "human": human, "expression": expr}

def structure(id_, name, title, type_, desc, elements, kind="resource", context=None, root=None):
    sd = header("StructureDefinition", id_, name, title, desc)
    sd["fhirVersion"] = "4.0.1"
    sd["kind"] = kind
    sd["abstract"] = False
    if context: sd["context"] = [{"type": "element", "expression": c} for c in context]
    sd["type"] = type_
    sd["baseDefinition"] = f"http://hl7.org/fhir/StructureDefinition/{type_}"
    sd["derivation"] = "constraint"
    for e in elements:
        for c in e.get("constraint", []):
            c["source"] = sd["url"]
    sd["differential"] = {"element": elements}
    return sd

EXTENSIONS = []

def extension(id_, name, title, desc, context, value_types=None, binding=None, max_="1", parts=None):
    url = sd_url(id_)
    els = [el("Extension", short=title, definition=desc, max=max_)]
    if parts:
        for pname, pmin, ptypes, pbind, pshort in parts:
            pid = f"Extension.extension:{pname}"
            els.append(el("Extension.extension", pid, sliceName=pname, short=pshort, min=pmin, max="1"))
            els.append(el("Extension.extension.url", f"{pid}.url", fixedUri=pname))
            v = el("Extension.extension.value[x]", f"{pid}.value[x]", min=1, type=ptypes)
            if pbind: v["binding"] = pbind
            els.append(v)
        els.append(el("Extension.url", fixedUri=url))
        els.append(el("Extension.value[x]", max="0"))
    else:
        els.append(el("Extension.extension", max="0"))
        els.append(el("Extension.url", fixedUri=url))
        v = el("Extension.value[x]", min=1, type=value_types)
        if binding: v["binding"] = binding
        els.append(v)
    EXTENSIONS.append(structure(id_, name, title, "Extension", desc, els, kind="complex-type", context=context))
    return url

X_AUTH = extension("hh-authorization-period", "AuthorizationPeriod", "Authorization period",
    "The period the program authorized the member for (ECM: 12 months from authorization; ECM-AUTH-12M).", ["EpisodeOfCare"], [{"code": "Period"}])
X_POF = extension("hh-population-of-focus", "PopulationOfFocus", "Population of focus",
    "A CalAIM ECM Population of Focus the member qualifies under.", ["EpisodeOfCare"], [{"code": "CodeableConcept"}],
    bind("required", "ecm-population-of-focus"), max_="*")
X_DISENROLL = extension("hh-disenrollment-reason", "DisenrollmentReason", "Disenrollment reason",
    "Why the enrollment ended (ECM: KHS policy IV.F.2); R4 EpisodeOfCare has no element for it.", ["EpisodeOfCare"], [{"code": "CodeableConcept"}],
    bind("extensible", "ecm-disenrollment-reason"))
X_LE = extension("hh-responsible-plan", "ResponsiblePlan", "Lead Entity or managed care plan",
    "The KanCare Lead Entity (MCO) or the Medi-Cal managed care plan responsible for the enrollment.", ["EpisodeOfCare"], ref("hh-lead-entity"))
X_COMPLETED = extension("hh-completion-date", "CompletionDate", "Health Action Plan completion date",
    "When the Health Action Plan was completed with the member (KS-HAP-90 end evidence).", ["CarePlan"], [{"code": "dateTime"}])
X_HHP_TYPE = extension("hh-hhp-provider-type", "HhpProviderType", "HHP provider type",
    "Which of the 12 Health Home Partner provider types the organization is licensed as.", ["Organization"], [{"code": "CodeableConcept"}],
    bind("required", "hhp-provider-type"))
X_CONTRACT = extension("hh-contract-period", "ContractPeriod", "Program contract period",
    "The period of the organization's program contract (HHP contract with the Lead Entity; ECM Provider contract with the plan). Clock start of KS-HHP-EHR-PLAN/-EHR/-HIE.",
    ["Organization"], [{"code": "Period"}])
X_HIT = extension("hh-hit-attestation", "HitAttestation", "HIT attestation",
    "A dated attestation of an HHP HIT milestone (EHR plan, EHR in use, HIE connection).", ["Organization"], max_="*",
    parts=[("milestone", 1, [{"code": "code"}], bind("required", "hh-hit-milestone"), "Which milestone"),
           ("date", 1, [{"code": "date"}], None, "Date attested"),
           ("hie", 0, [{"code": "string"}], None, "The HIE connected to (KHIN or LACIE)")])
X_QUAL = extension("hh-staff-qualification", "StaffQualification", "Staff qualification",
    "A qualification (degree, license, certification) the staff member holds in this role.", ["PractitionerRole"], [{"code": "CodeableConcept"}],
    bind("extensible", "hh-qualification"), max_="*")
X_ENROLLMENT = extension("hh-enrollment", "Enrollment", "Program enrollment",
    "The program enrollment (EpisodeOfCare) this record belongs to.", ["CarePlan", "Task", "Communication", "Consent", "CareTeam"], ref("hh-program-enrollment"))

def ext_slice(base, name, url, min_=0, max_="1", ms=True):
    return el(f"{base}.extension", f"{base}.extension:{name}", sliceName=name, min=min_, max=max_,
              type=[{"code": "Extension", "profile": [url]}], mustSupport=ms)

def params(base, kind, slices):
    """Task.input / Task.output sliced by type (pattern). slices: (name, code, min, max, types, binding, short)."""
    out = [el(f"{base}.{kind}", slicing={"discriminator": [{"type": "pattern", "path": "type"}], "rules": "open",
             "description": f"Sliced by {kind} type (hh-task-parameter)."}, mustSupport=True)]
    for name, code, mn, mx, types, b, short in slices:
        sid = f"{base}.{kind}:{name}"
        out.append(el(f"{base}.{kind}", sid, sliceName=name, short=short, min=mn, max=mx, mustSupport=True))
        out.append(el(f"{base}.{kind}.type", f"{sid}.type", patternCodeableConcept=cc(P, code)))
        v = el(f"{base}.{kind}.value[x]", f"{sid}.value[x]", type=types, mustSupport=True)
        if b: v["binding"] = b
        out.append(v)
    return out

def coded_slice(path, slice_, system, code, min_=1, desc="Sliced by pattern."):
    return [el(path, slicing={"discriminator": [{"type": "pattern", "path": "$this"}], "rules": "open", "description": desc}, min=min_),
            el(path, f"{path}:{slice_}", sliceName=slice_, min=1, max="1", patternCodeableConcept=cc(system, code), mustSupport=True)]

def task_for(base="Task"):
    return el(f"{base}.for", min=1, type=ref("hh-member"), mustSupport=True)

using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace HealthHomes.Fhir.Conformance.Tests.Validation;

/// <summary>Small differential-only profiles, written here, that exercise each validator feature.</summary>
internal static class TestProfiles
{
    public const string Base = "https://test.example";
    public const string Patient = Base + "/StructureDefinition/test-patient";
    public const string Task = Base + "/StructureDefinition/test-task";
    public const string Population = Base + "/StructureDefinition/population";
    public const string PofSystem = Base + "/CodeSystem/pof";
    public const string InputSystem = Base + "/CodeSystem/input";
    public const string TaskSystem = Base + "/CodeSystem/task";
    public const string MedicaidSystem = "https://medicaid.example/id";

    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static IReadOnlyList<Resource> All() =>
        [PatientProfile(), TaskProfile(), PopulationExtension(), PofCodeSystem(), PofValueSet(), LanguagesValueSet()];

    public static StructureDefinition PatientProfile(int nameMin = 1) => Parse<StructureDefinition>($$$"""
        {"resourceType":"StructureDefinition","id":"test-patient","url":"{{{Patient}}}","name":"TestPatient","status":"active",
         "kind":"resource","abstract":false,"type":"Patient","derivation":"constraint",
         "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Patient",
         "differential":{"element":[
           {"id":"Patient","path":"Patient","constraint":[{"key":"tp-1","severity":"error","human":"A member has a birth date","expression":"birthDate.exists()"}]},
           {"id":"Patient.extension","path":"Patient.extension","slicing":{"discriminator":[{"type":"value","path":"url"}],"rules":"open"}},
           {"id":"Patient.extension:pof","path":"Patient.extension","sliceName":"pof","min":1,"max":"1",
            "type":[{"code":"Extension","profile":["{{{Population}}}"]}]},
           {"id":"Patient.identifier","path":"Patient.identifier","min":1,"patternIdentifier":{"system":"{{{MedicaidSystem}}}"}},
           {"id":"Patient.name","path":"Patient.name","min":{{{nameMin}}},"mustSupport":true},
           {"id":"Patient.telecom","path":"Patient.telecom","mustSupport":true},
           {"id":"Patient.communication.language","path":"Patient.communication.language",
            "binding":{"strength":"required","valueSet":"{{{Base}}}/ValueSet/languages"}}
         ]}}
        """);

    public static StructureDefinition TaskProfile() => Parse<StructureDefinition>($$$"""
        {"resourceType":"StructureDefinition","id":"test-task","url":"{{{Task}}}","name":"TestTask","status":"active",
         "kind":"resource","abstract":false,"type":"Task","derivation":"constraint",
         "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Task",
         "differential":{"element":[
           {"id":"Task","path":"Task","constraint":[{"key":"tt-1","severity":"warning","human":"An attempt has an execution period","expression":"executionPeriod.exists()"}]},
           {"id":"Task.code","path":"Task.code","min":1,"patternCodeableConcept":{"coding":[{"system":"{{{TaskSystem}}}","code":"outreach"}]}},
           {"id":"Task.for","path":"Task.for","min":1,"type":[{"code":"Reference","targetProfile":["http://hl7.org/fhir/StructureDefinition/Patient"]}]},
           {"id":"Task.input","path":"Task.input","slicing":{"discriminator":[{"type":"pattern","path":"type"}],"rules":"closed"}},
           {"id":"Task.input:modality","path":"Task.input","sliceName":"modality","min":1,"max":"1"},
           {"id":"Task.input:modality.type","path":"Task.input.type","patternCodeableConcept":{"coding":[{"system":"{{{InputSystem}}}","code":"modality"}]}},
           {"id":"Task.input:modality.value[x]","path":"Task.input.value[x]","type":[{"code":"CodeableConcept"}]},
           {"id":"Task.input:phone","path":"Task.input","sliceName":"phone","min":0,"max":"1"},
           {"id":"Task.input:phone.type","path":"Task.input.type","patternCodeableConcept":{"coding":[{"system":"{{{InputSystem}}}","code":"phone"}]}},
           {"id":"Task.input:phone.value[x]","path":"Task.input.value[x]","type":[{"code":"string"}]}
         ]}}
        """);

    public static StructureDefinition PopulationExtension() => Parse<StructureDefinition>($$$"""
        {"resourceType":"StructureDefinition","id":"population","url":"{{{Population}}}","name":"Population","status":"active",
         "kind":"complex-type","abstract":false,"type":"Extension","derivation":"constraint",
         "context":[{"type":"element","expression":"Patient"}],
         "baseDefinition":"http://hl7.org/fhir/StructureDefinition/Extension",
         "differential":{"element":[
           {"id":"Extension","path":"Extension","max":"1"},
           {"id":"Extension.extension","path":"Extension.extension","max":"0"},
           {"id":"Extension.url","path":"Extension.url","fixedUri":"{{{Population}}}"},
           {"id":"Extension.value[x]","path":"Extension.value[x]","min":1,"type":[{"code":"Coding"}],
            "binding":{"strength":"required","valueSet":"{{{Base}}}/ValueSet/pof"}}
         ]}}
        """);

    public static CodeSystem PofCodeSystem() => Parse<CodeSystem>($$$"""
        {"resourceType":"CodeSystem","id":"pof","url":"{{{PofSystem}}}","status":"active","content":"complete",
         "concept":[{"code":"homeless"},{"code":"high-utilizer","concept":[{"code":"er-frequent"}]}]}
        """);

    public static ValueSet PofValueSet() => Parse<ValueSet>($$$"""
        {"resourceType":"ValueSet","id":"pof","url":"{{{Base}}}/ValueSet/pof","status":"active",
         "compose":{"include":[{"system":"{{{PofSystem}}}"}]}}
        """);

    /// <summary>Two listed languages, plus a whole code system the server does not hold.</summary>
    public static ValueSet LanguagesValueSet() => Parse<ValueSet>($$$"""
        {"resourceType":"ValueSet","id":"languages","url":"{{{Base}}}/ValueSet/languages","status":"active",
         "compose":{"include":[{"system":"urn:ietf:bcp:47","concept":[{"code":"en"},{"code":"es"}]},{"system":"urn:iso:std:iso:3166"}]}}
        """);

    public static T Parse<T>(string json)
        where T : Resource => JsonSerializer.Deserialize<T>(json, Json)!;
}

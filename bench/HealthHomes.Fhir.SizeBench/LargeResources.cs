using System.Globalization;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.SizeBench;

/// <summary>The resource shapes whose cost should grow linearly with their number of repeated elements.</summary>
internal static class LargeResources
{
    public static readonly string[] Shapes = ["names", "identifiers", "group-members", "list-entries", "extensions"];

    public static Resource Build(string shape, int n) => shape switch
    {
        "names" => new Patient { Name = [.. Enumerable.Range(0, n).Select(i => new HumanName { Family = "Family" + Text(i), Given = ["Given" + Text(i)] })] },
        "identifiers" => new Patient { Identifier = [.. Enumerable.Range(0, n).Select(i => new Identifier("urn:oid:2.16.840.1.113883.3.1", "id-" + Text(i)))] },
        "group-members" => new Group
        {
            Type = Group.GroupType.Person,
            Actual = true,
            Member = [.. Enumerable.Range(0, n).Select(i => new Group.MemberComponent { Entity = new ResourceReference("Patient/p" + Text(i)) })],
        },
        "list-entries" => new List
        {
            Status = List.ListStatus.Current,
            Mode = ListMode.Working,
            Entry = [.. Enumerable.Range(0, n).Select(i => new List.EntryComponent { Item = new ResourceReference("Patient/p" + Text(i)) })],
        },
        "extensions" => new Patient { Extension = [.. Enumerable.Range(0, n).Select(i => new Extension("http://example.org/fhir/StructureDefinition/note", new FhirString("v" + Text(i))))] },
        _ => throw new ArgumentException("Unknown shape " + shape, nameof(shape)),
    };

    private static string Text(int i) => i.ToString(CultureInfo.InvariantCulture);
}

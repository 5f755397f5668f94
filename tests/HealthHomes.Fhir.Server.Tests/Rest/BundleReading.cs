using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Tests.Rest;

/// <summary>Reads of a returned Bundle that tests assert on: entry resources, their ids, links by relation.</summary>
internal static class BundleReading
{
    public static IReadOnlyList<Resource> Resources(this Bundle bundle) => bundle.Entry.Select(e => e.Resource).OfType<Resource>().ToList();

    public static IReadOnlyList<string?> Ids(this Bundle bundle, Bundle.SearchEntryMode? mode = null)
        => bundle.Entry.Where(e => mode is null || e.Search?.Mode == mode).Select(e => e.Resource).OfType<Resource>().Select(r => r.Id).ToList();

    public static string? Link(this Bundle bundle, string relation) => bundle.Link.FirstOrDefault(l => l.Relation == relation)?.Url;

    public static string Self(this Bundle bundle) => bundle.Link("self") ?? throw new InvalidOperationException("The Bundle has no self link.");

    public static string Next(this Bundle bundle) => bundle.Link("next") ?? throw new InvalidOperationException("The Bundle has no next link.");

    public static bool IsSubsetted(this Resource resource)
        => resource.Meta?.Tag.Any(t => t.System == "http://terminology.hl7.org/CodeSystem/v3-ObservationValue" && t.Code == "SUBSETTED") == true;
}

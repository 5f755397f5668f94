using static HealthHomes.Fhir.Storage.Tests.Search.MemberAccessFixture;

namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>
/// The access filter applies inside every statement of a search: matches, _id lists, includes (with :iterate),
/// chains, _has and counts. Member confinement: a Patient is visible when it is a visible member; any other resource
/// when every Patient it references is one (none: not member data, visible to all). Data in <see cref="MemberAccessFixture"/>.
/// </summary>
public sealed class AccessFilterSearchTests(MemberAccessFixture db) : IClassFixture<MemberAccessFixture>
{
    internal static readonly Dictionary<string, AccessFilter> Filters = new()
    {
        ["everything"] = AccessFilter.Everything,
        ["one-a1"] = new() { Members = new OneMember("a1") },
        ["org1"] = new() { Members = new ServedMembers(["org1"], []) },
        ["org2"] = new() { Members = new ServedMembers(["org2"], []) },
        ["both"] = new() { Members = new ServedMembers(["org1", "org2"], []) },
        ["team"] = new() { Members = new ServedMembers([], ["Practitioner/pr1", "PractitionerRole/r1"]) },
        ["org1+team"] = new() { Members = new ServedMembers(["org1"], ["Practitioner/pr1"]) },
        ["no-one"] = new() { Members = new ServedMembers([], []) },
        ["untyped-team"] = new() { Members = new ServedMembers([], ["pr1"]) },
        ["types"] = new() { ResourceTypes = new HashSet<string> { "Observation", "Practitioner" } },
        ["one-a1-types"] = new() { ResourceTypes = new HashSet<string> { "Observation", "Patient" }, Members = new OneMember("a1") },
    };

    [Theory]
    [InlineData("everything", "Observation", "", "obs-a1,obs-a1b,obs-a2,obs-ab,obs-b1,obs-c1,obs-shared,obs-two")]
    [InlineData("one-a1", "Observation", "", "obs-a1,obs-a1b,obs-shared")]           // obs-two is also about b1: hidden
    [InlineData("org1", "Observation", "", "obs-a1,obs-a1b,obs-ab,obs-shared")]      // a2's episode is finished
    [InlineData("org2", "Observation", "", "obs-ab,obs-b1,obs-shared")]
    [InlineData("both", "Observation", "", "obs-a1,obs-a1b,obs-ab,obs-b1,obs-shared,obs-two")]
    [InlineData("team", "Observation", "", "obs-c1,obs-shared")]
    [InlineData("org1+team", "Observation", "", "obs-a1,obs-a1b,obs-ab,obs-c1,obs-shared")]
    [InlineData("no-one", "Observation", "", "obs-shared")]
    [InlineData("untyped-team", "Observation", "", "obs-shared")]
    [InlineData("everything", "Patient", "", "a1,a2,ab,b1,c1,c2,c3,d1")]
    [InlineData("one-a1", "Patient", "", "a1")]
    [InlineData("org1", "Patient", "", "a1,ab")]                                     // d1's episode is deleted
    [InlineData("org2", "Patient", "", "ab,b1")]
    [InlineData("team", "Patient", "", "c1,c3")]                                     // c2's team is inactive
    [InlineData("no-one", "Patient", "", "")]
    [InlineData("org1", "EpisodeOfCare", "", "eoc-a1,eoc-ab1,eoc-ab2")]              // about a visible member, whoever manages it
    [InlineData("team", "CareTeam", "", "ct-c1,ct-c3")]
    [InlineData("no-one", "Organization", "", "org1,org2")]                          // not member data
    [InlineData("one-a1", null, "", "a1,eoc-a1,g1,obs-a1,obs-a1b,obs-shared,org1,org2,pr1,pr2,r1,vs1")]
    [InlineData("types", null, "", "obs-a1,obs-a1b,obs-a2,obs-ab,obs-b1,obs-c1,obs-shared,obs-two,pr1,pr2")]
    [InlineData("types", "Patient", "", "")]
    [InlineData("one-a1-types", null, "", "a1,obs-a1,obs-a1b,obs-shared")]
    // _id lists
    [InlineData("org1", "Patient", "_id=a1,b1,ab,c1", "a1,ab")]
    [InlineData("team", "Patient", "_id=a1,b1,ab,c1", "c1")]
    [InlineData("one-a1", "Observation", "_id=obs-a1,obs-b1,obs-two,obs-shared", "obs-a1,obs-shared")]
    [InlineData("both", "Observation", "_id=obs-a1,obs-b1,obs-two,obs-shared", "obs-a1,obs-b1,obs-shared,obs-two")]
    // chains: the chained target must be visible too
    [InlineData("everything", "Observation", "subject:Patient._id=a1", "obs-a1,obs-a1b,obs-two")]
    [InlineData("one-a1", "Observation", "subject:Patient._id=a1", "obs-a1,obs-a1b")]
    [InlineData("org2", "Observation", "subject:Patient._id=a1", "")]
    [InlineData("everything", "Patient", "link:Patient._id=a2", "a1")]
    [InlineData("one-a1", "Patient", "link:Patient._id=a2", "")]
    [InlineData("everything", "Observation", "subject:Patient.organization=Organization/org1", "obs-a1,obs-a1b,obs-a2,obs-two")]
    [InlineData("org1", "Observation", "subject:Patient.organization=Organization/org1", "obs-a1,obs-a1b")]
    // _has: the referring resource must be visible
    [InlineData("everything", "Patient", "_has:Observation:subject:code=two", "a1")]
    [InlineData("one-a1", "Patient", "_has:Observation:subject:code=two", "")]
    [InlineData("both", "Patient", "_has:Observation:subject:code=two", "a1")]
    [InlineData("team", "Patient", "_has:Observation:subject:code=x", "c1")]
    [InlineData("everything", "Organization", "_has:Patient:organization:_id=a2", "org1")]
    [InlineData("org1", "Organization", "_has:Patient:organization:_id=a2", "")]
    public async Task Matches(string filter, string? type, string query, string expected)
        => Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), await db.IdsAsync(type, query, Filters[filter]));

    [Theory]
    [InlineData("everything", "Patient", "_id=a1&_include=Patient:link&_include=Patient:organization", "a1", "Organization/org1,Patient/a2")]
    [InlineData("one-a1", "Patient", "_id=a1&_include=Patient:link&_include=Patient:organization", "a1", "Organization/org1")]
    [InlineData("everything", "Patient", "_id=a1&_revinclude=Observation:subject", "a1", "Observation/obs-a1,Observation/obs-a1b,Observation/obs-two")]
    [InlineData("one-a1", "Patient", "_id=a1&_revinclude=Observation:subject", "a1", "Observation/obs-a1,Observation/obs-a1b")]
    [InlineData("everything", "Organization", "_id=org1&_revinclude=Patient:organization&_revinclude=EpisodeOfCare:organization", "org1",
        "EpisodeOfCare/eoc-a1,EpisodeOfCare/eoc-a2,EpisodeOfCare/eoc-ab1,Patient/a1,Patient/a2")]
    [InlineData("org1", "Organization", "_id=org1&_revinclude=Patient:organization&_revinclude=EpisodeOfCare:organization", "org1",
        "EpisodeOfCare/eoc-a1,EpisodeOfCare/eoc-ab1,Patient/a1")]
    [InlineData("everything", "Observation", "_id=obs-a1&_include=Observation:subject&_include:iterate=Patient:link&_include:iterate=Patient:general-practitioner", "obs-a1",
        "Patient/a1,Patient/a2,Practitioner/pr1")]
    [InlineData("one-a1", "Observation", "_id=obs-a1&_include=Observation:subject&_include:iterate=Patient:link&_include:iterate=Patient:general-practitioner", "obs-a1",
        "Patient/a1,Practitioner/pr1")]
    [InlineData("org2", "Observation", "_id=obs-ab&_include=*", "obs-ab", "Patient/ab,Practitioner/pr2")]
    [InlineData("both", "Observation", "_id=obs-two&_include=*", "obs-two", "Patient/a1,Patient/b1")]
    [InlineData("org1", "Observation", "_id=obs-two&_include=*", "", "")]
    [InlineData("types", "Observation", "_id=obs-a1&_include=*", "obs-a1", "Practitioner/pr1")]
    public async Task Includes(string filter, string type, string query, string matches, string included)
    {
        var result = await db.SearchAsync(type, query, Filters[filter]);
        Assert.Equal(matches.Split(',', StringSplitOptions.RemoveEmptyEntries), result.Matches.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.Equal(included.Split(',', StringSplitOptions.RemoveEmptyEntries), result.Included.Select(r => r.ResourceType + "/" + r.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("everything", "Observation", "_summary=count", 8)]
    [InlineData("one-a1", "Observation", "_summary=count", 3)]
    [InlineData("org1", "Observation", "_summary=count", 4)]
    [InlineData("org2", "Observation", "_total=accurate&_count=1", 3)]
    [InlineData("team", "Patient", "_summary=count", 2)]
    [InlineData("both", "Patient", "_total=accurate&_count=0", 3)]
    [InlineData("one-a1", null, "_total=accurate&_count=1", 12)]
    public async Task Counts_count_only_visible_resources(string filter, string? type, string query, int expected)
        => Assert.Equal(expected, (await db.SearchAsync(type, query, Filters[filter])).Total);

    internal static readonly Dictionary<string, AccessFilter> Restrictions = new()
    {
        ["lab"] = Restricted("Observation", [[new("category", Category + "|laboratory")]]),
        ["lab-two-or-y"] = Restricted("Observation", [[new("category", Category + "|laboratory"), new("code", "two")], [new("code", "urn:test|y")]]),
        ["not-lab"] = Restricted("Observation", [[new("category:not", Category + "|laboratory")]]),
        ["chain"] = Restricted("Observation", [[new("subject:Patient.organization", "Organization/org1")]]),
        ["unknown"] = Restricted("Observation", [[new("nonsense", "1")]]),
        ["unknown-and-lab"] = Restricted("Observation", [[new("nonsense", "1"), new("category", Category + "|laboratory")]]),
        ["unknown-or-vital"] = Restricted("Observation", [[new("nonsense", "1")], [new("category", Category + "|vital-signs")]]),
        ["invalid"] = Restricted("Observation", [[new("code", "a|b|c")]]),
        ["result-parameter"] = Restricted("Observation", [[new("_count", "100")]]),
        ["no-list"] = Restricted("Observation", []),
        ["empty-list"] = Restricted("Observation", [[]]),
        ["not-a-type"] = Restricted("Nonsense", [[new("_id", "1")]]),
        ["lab+one-a1"] = Restricted("Observation", [[new("category", Category + "|laboratory")]]) with { Members = new OneMember("a1") },
        ["patient-b1"] = Restricted("Patient", [[new("_id", "b1")]]),
    };

    [Theory]
    [InlineData("lab", "Observation", "", "obs-a1,obs-a2,obs-b1,obs-c1,obs-shared,obs-two")]
    [InlineData("lab", "Observation", "code=y", "")]
    [InlineData("lab", "Patient", "", "a1,a2,ab,b1,c1,c2,c3,d1")]                   // other types are not restricted
    [InlineData("lab-two-or-y", "Observation", "", "obs-a1b,obs-ab,obs-two")]       // (lab AND two) OR y
    [InlineData("not-lab", "Observation", "", "obs-a1b,obs-ab")]
    [InlineData("chain", "Observation", "", "obs-a1,obs-a1b,obs-a2,obs-two")]
    [InlineData("unknown", "Observation", "", "")]                                  // fails closed
    [InlineData("unknown", "Patient", "", "a1,a2,ab,b1,c1,c2,c3,d1")]
    [InlineData("unknown-and-lab", "Observation", "", "")]
    [InlineData("unknown-or-vital", "Observation", "", "obs-a1b,obs-ab")]
    [InlineData("invalid", "Observation", "", "")]
    [InlineData("result-parameter", "Observation", "", "")]
    [InlineData("no-list", "Observation", "", "")]
    [InlineData("empty-list", "Observation", "", "obs-a1,obs-a1b,obs-a2,obs-ab,obs-b1,obs-c1,obs-shared,obs-two")]
    [InlineData("not-a-type", "Observation", "_id=obs-a1", "obs-a1")]
    [InlineData("lab+one-a1", "Observation", "", "obs-a1,obs-shared")]
    [InlineData("lab", null, "_type=Observation,ValueSet", "obs-a1,obs-a2,obs-b1,obs-c1,obs-shared,obs-two,vs1")]
    [InlineData("lab", "Patient", "_has:Observation:subject:code=y", "")]           // _has sources are restricted
    [InlineData("everything", "Patient", "_has:Observation:subject:code=y", "a1,ab")]
    [InlineData("patient-b1", "Observation", "subject:Patient._id=a1", "")]         // chain targets are restricted
    [InlineData("patient-b1", "Observation", "subject:Patient._id=b1", "obs-b1")]
    public async Task Type_restrictions(string filter, string? type, string query, string expected)
    {
        var access = Restrictions.GetValueOrDefault(filter) ?? Filters[filter];
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), await db.IdsAsync(type, query, access));
    }

    [Theory]
    [InlineData("lab", "Patient", "_id=a1&_revinclude=Observation:subject", "Observation/obs-a1,Observation/obs-two")]
    [InlineData("patient-b1", "Observation", "_id=obs-two&_include=*", "Patient/b1")]
    [InlineData("lab", "Patient", "_id=ab&_revinclude=*", "EpisodeOfCare/eoc-ab1,EpisodeOfCare/eoc-ab2")]     // obs-ab is vital-signs
    public async Task Type_restrictions_apply_to_includes(string filter, string type, string query, string included)
    {
        var result = await db.SearchAsync(type, query, Restrictions[filter]);
        Assert.Equal(included.Split(',', StringSplitOptions.RemoveEmptyEntries), result.Included.Select(r => r.ResourceType + "/" + r.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("lab", 6)]
    [InlineData("unknown", 0)]
    [InlineData("lab+one-a1", 2)]
    public async Task Type_restrictions_apply_to_counts(string filter, int expected)
        => Assert.Equal(expected, (await db.SearchAsync("Observation", "_summary=count", Restrictions[filter])).Total);

    private static AccessFilter Restricted(string type, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> anyOf)
        => new() { TypeRestrictions = new Dictionary<string, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>> { [type] = anyOf } };
}

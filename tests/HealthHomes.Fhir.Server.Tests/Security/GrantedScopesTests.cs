using HealthHomes.Fhir.Server.Security;
using static HealthHomes.Fhir.Server.Security.ResourcePermissions;

namespace HealthHomes.Fhir.Server.Tests.Security;

/// <summary>
/// The SMART scope grammar (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html) and what the scopes grant.
/// A restriction set is written "name=value&amp;name2=value2".
/// </summary>
public sealed class GrantedScopesTests
{
    [Theory]
    [InlineData("patient/Observation.read", ScopeContext.Patient, "Observation", Read | ResourcePermissions.Search)]
    [InlineData("user/Task.write", ScopeContext.User, "Task", Create | Update | Delete)]
    [InlineData("system/Patient.*", ScopeContext.System, "Patient", All)]
    [InlineData("patient/*.read", ScopeContext.Patient, "*", Read | ResourcePermissions.Search)]
    [InlineData("user/*.write", ScopeContext.User, "*", Create | Update | Delete)]
    [InlineData("system/*.*", ScopeContext.System, "*", All)]
    [InlineData("patient/*.rs", ScopeContext.Patient, "*", Read | ResourcePermissions.Search)]
    [InlineData("user/CarePlan.cud", ScopeContext.User, "CarePlan", Create | Update | Delete)]
    public void Parses_v1_and_v2_resource_scopes(string text, ScopeContext context, string type, ResourcePermissions permissions)
    {
        var scopes = GrantedScopes.Parse(text);

        var scope = Assert.Single(scopes.ResourceScopes);
        Assert.Equal((context, type, permissions, text), (scope.Context, scope.ResourceType, scope.Permissions, scope.Text));
        Assert.Empty(scope.Restriction);
        Assert.Empty(scopes.OtherScopes);
        Assert.Empty(scopes.Malformed);
    }

    public static TheoryData<string, ResourcePermissions> EveryOrderedSubsequenceOfCruds()
    {
        var data = new TheoryData<string, ResourcePermissions>();
        for (var mask = 1; mask <= 31; mask++)
        {
            data.Add(string.Concat("cruds".Where((_, i) => (mask & (1 << i)) != 0)), (ResourcePermissions)mask);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOrderedSubsequenceOfCruds))]
    public void Every_ordered_subsequence_of_cruds_is_a_v2_scope(string letters, ResourcePermissions permissions)
    {
        var scopes = GrantedScopes.Parse($"user/Task.{letters}");

        Assert.Equal(permissions, Assert.Single(scopes.ResourceScopes).Permissions);
        Assert.Empty(scopes.Malformed);
    }

    [Theory]
    [InlineData("patient/Task.sr")] // out of order
    [InlineData("patient/Task.rr")] // repeated
    [InlineData("patient/Task.crudss")]
    [InlineData("patient/Task.dc")]
    [InlineData("patient/Task.x")] // unknown letter
    [InlineData("patient/Task.rx")]
    [InlineData("patient/Task.R")] // letters are lower case
    [InlineData("patient/Task.Read")]
    [InlineData("patient/Task.")] // no permissions
    [InlineData("patient/Task")]
    [InlineData("patient/Task.rs.rs")]
    [InlineData("patient/Wombat.rs")] // unknown type
    [InlineData("patient/observation.rs")] // types are case-sensitive
    [InlineData("patient/Resource.rs")] // abstract
    [InlineData("patient/.rs")]
    [InlineData("foo/Task.read")] // unknown context
    [InlineData("practitioner/Task.rs")]
    [InlineData("Patient/Task.rs")] // contexts are lower case
    [InlineData("SYSTEM/*.read")]
    [InlineData("patient/Task.read?status=ready")] // a restriction on a v1 scope
    [InlineData("patient/Task.write?status=ready")]
    [InlineData("patient/*.*?status=ready")]
    [InlineData("patient/Task.rs?")] // empty restriction
    [InlineData("patient/Task.rs?status")]
    [InlineData("patient/Task.rs?status=")] // empty value
    [InlineData("patient/Task.rs?=ready")]
    [InlineData("patient/Task.rs?status=ready&")]
    [InlineData("patient/Task.rs?status=ready&&code=x")]
    public void Malformed_resource_scopes_grant_nothing(string text)
    {
        var scopes = GrantedScopes.Parse($"{text} openid");

        Assert.Equal([text], scopes.Malformed);
        Assert.Empty(scopes.ResourceScopes);
        Assert.Equal(["openid"], scopes.OtherScopes);
        Assert.False(scopes.Grant("Task", Read).Allowed);
        Assert.Null(scopes.NarrowestContext);
        Assert.Empty(scopes.ReadableTypes!);
        Assert.Equal("openid", scopes.ToString());
    }

    [Theory]
    [InlineData("patient/Observation.rs?category=laboratory", "category=laboratory")]
    [InlineData("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
        "category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory")]
    [InlineData("patient/Observation.rs?category=http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fobservation-category%7Claboratory",
        "category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory")]
    [InlineData("user/Observation.s?category=laboratory&status=final", "category=laboratory", "status=final")]
    [InlineData("user/Observation.s?category=laboratory&category=vital-signs", "category=laboratory", "category=vital-signs")]
    [InlineData("system/*.r?_tag=a%20b", "_tag=a b")]
    [InlineData("patient/Task.cruds?code%3Atext=a=b?c", "code:text=a=b?c")]
    public void Restrictions_are_parsed_and_url_decoded(string text, params string[] restriction)
    {
        var scope = Assert.Single(GrantedScopes.Parse(text).ResourceScopes);

        Assert.Equal(restriction, scope.Restriction.Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal(text, scope.Text);
    }

    [Theory]
    [InlineData("openid")]
    [InlineData("fhirUser")]
    [InlineData("profile")]
    [InlineData("launch")]
    [InlineData("launch/patient")]
    [InlineData("launch/encounter")]
    [InlineData("offline_access")]
    [InlineData("online_access")]
    [InlineData("https://example.org/custom.scope")]
    public void Other_scopes_are_kept_and_found_exactly(string other)
    {
        var scopes = GrantedScopes.Parse($"patient/Task.rs {other}");

        Assert.Equal([other], scopes.OtherScopes);
        Assert.Empty(scopes.Malformed);
        Assert.True(scopes.Has(other));
        Assert.False(scopes.Has(other.ToUpperInvariant()));
        Assert.False(scopes.Has("patient/Task.rs")); // a resource scope is not an other scope
        Assert.False(GrantedScopes.Parse("patient/Task.rs").Has(other));
    }

    [Theory]
    // scopes, type, needed, allowed, context
    [InlineData("patient/Task.rs", "Task", Read, true, ScopeContext.Patient)]
    [InlineData("patient/Task.rs", "Task", Update, false, null)]
    [InlineData("patient/Task.rs", "Observation", Read, false, null)] // exact type only
    [InlineData("patient/Task.rs", "task", Read, false, null)]
    [InlineData("patient/*.rs", "Observation", Read | ResourcePermissions.Search, true, ScopeContext.Patient)]
    [InlineData("user/*.cud", "Observation", Read, false, null)]
    [InlineData("patient/Task.read", "Task", ResourcePermissions.Search, true, ScopeContext.Patient)]
    [InlineData("patient/Task.read", "Task", Create, false, null)]
    [InlineData("user/Task.write", "Task", Create | Update | Delete, true, ScopeContext.User)]
    [InlineData("user/Task.write", "Task", Read, false, null)]
    [InlineData("system/Task.*", "Task", All, true, ScopeContext.System)]
    [InlineData("patient/Task.r user/Task.s", "Task", Read | ResourcePermissions.Search, true, ScopeContext.Patient)] // bits unioned
    [InlineData("patient/Task.r", "Task", Read | ResourcePermissions.Search, false, null)] // one bit short
    [InlineData("user/Task.r system/*.s", "Task", Read | ResourcePermissions.Search, true, ScopeContext.User)]
    [InlineData("system/Task.rs user/Task.r", "Task", Read, true, ScopeContext.User)] // narrowest granting context
    [InlineData("system/Task.rs patient/Observation.r", "Task", Read, true, ScopeContext.System)] // other types do not count
    [InlineData("user/Observation.rs?category=laboratory", "Observation", Create, false, null)]
    [InlineData("patient/Task.sr user/Task.x", "Task", Read, false, null)]
    public void Grant_needs_every_bit_for_the_type(string scope, string type, ResourcePermissions needed, bool allowed, ScopeContext? context)
    {
        var grant = GrantedScopes.Parse(scope).Grant(type, needed);

        Assert.Equal((allowed, context), (grant.Allowed, grant.Context));
        Assert.Empty(grant.Restrictions);
    }

    [Theory]
    [InlineData("patient/Observation.rs?category=laboratory", Read, "category=laboratory")]
    [InlineData("patient/Observation.rs?category=vital-signs patient/Observation.rs?category=laboratory", ResourcePermissions.Search,
        "category=laboratory", "category=vital-signs")] // OR-list, ordered by scope
    [InlineData("patient/Observation.rs?category=laboratory&status=final", Read, "category=laboratory&status=final")]
    [InlineData("patient/Observation.rs?category=laboratory user/Observation.rs", Read)] // an unrestricted scope wins
    [InlineData("patient/Observation.r patient/Observation.s?status=final", Read | ResourcePermissions.Search, "status=final")] // one restricted bit restricts all
    [InlineData("patient/Observation.r?category=laboratory patient/Observation.s?status=final", Read | ResourcePermissions.Search, "category=laboratory&status=final")]
    [InlineData("patient/*.rs?_tag=x patient/Task.r", ResourcePermissions.Search, "_tag=x")]
    [InlineData("patient/Observation.rs?category=laboratory patient/Observation.rs?category=laboratory&status=final", Read,
        "category=laboratory")] // the narrower set adds nothing
    public void Grant_restrictions_are_an_or_list(string scope, ResourcePermissions needed, params string[] restrictions)
    {
        var type = scope.Contains("Task", StringComparison.Ordinal) ? "Task" : "Observation";
        var grant = GrantedScopes.Parse(scope).Grant(type, needed);

        Assert.True(grant.Allowed);
        Assert.Equal(ScopeContext.Patient, grant.Context);
        Assert.Equal(restrictions, grant.Restrictions.Select(set => string.Join('&', set.Select(p => $"{p.Key}={p.Value}"))));
    }

    [Theory]
    [InlineData("system/Task.rs user/Task.c patient/Goal.d", ScopeContext.Patient)]
    [InlineData("system/*.rs user/Task.c", ScopeContext.User)]
    [InlineData("system/*.rs", ScopeContext.System)]
    [InlineData("openid patient/Task.sr", null)]
    public void Narrowest_context_is_over_all_resource_scopes(string scope, ScopeContext? narrowest) =>
        Assert.Equal(narrowest, GrantedScopes.Parse(scope).NarrowestContext);

    [Theory]
    [InlineData("patient/Task.r user/Observation.s?status=final system/Patient.cud patient/Goal.sr", "Observation", "Task")]
    [InlineData("patient/*.cud patient/Task.read", "Task")] // a * without r or s reads nothing
    [InlineData("openid")]
    public void Readable_types_are_those_granted_read_or_search(string scope, params string[] types) =>
        Assert.Equal(types, GrantedScopes.Parse(scope).ReadableTypes!.Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("patient/*.r user/Task.cud")]
    [InlineData("user/*.s?_tag=x")]
    [InlineData("system/*.read")]
    public void Readable_types_are_all_with_a_star_that_reads(string scope) => Assert.Null(GrantedScopes.Parse(scope).ReadableTypes);

    [Fact]
    public void Duplicates_and_order_make_no_difference()
    {
        var a = GrantedScopes.Parse("  openid patient/Observation.rs?category=vital-signs launch patient/Observation.rs?category=laboratory openid ");
        var b = GrantedScopes.Parse("patient/Observation.rs?category=laboratory launch openid patient/Observation.rs?category=vital-signs launch");

        Assert.Equal("launch openid patient/Observation.rs?category=laboratory patient/Observation.rs?category=vital-signs", a.ToString());
        Assert.Equal(a.ToString(), b.ToString());
        Assert.Equal(2, b.ResourceScopes.Count);
        Assert.Equal(["launch", "openid"], b.OtherScopes);
        Assert.Equal(["category=laboratory", "category=vital-signs"],
            b.Grant("Observation", Read).Restrictions.Select(set => string.Join('&', set.Select(p => $"{p.Key}={p.Value}"))));
        Assert.Equal(a.ToString(), GrantedScopes.Parse(a.ToString()).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_scopes_grant_nothing(string? scope)
    {
        var scopes = GrantedScopes.Parse(scope);

        Assert.Empty(scopes.ResourceScopes);
        Assert.Empty(scopes.OtherScopes);
        Assert.Empty(scopes.ReadableTypes!);
        Assert.Null(scopes.NarrowestContext);
        Assert.Equal(string.Empty, scopes.ToString());
        Assert.False(scopes.Grant("Patient", Read).Allowed);
    }

    [Fact]
    public void Grant_refuses_no_permissions_and_a_missing_type()
    {
        var scopes = GrantedScopes.Parse("system/*.*");

        Assert.Throws<ArgumentOutOfRangeException>(() => scopes.Grant("Task", None));
        Assert.Throws<ArgumentOutOfRangeException>(() => scopes.Grant("Task", (ResourcePermissions)32));
        Assert.Throws<ArgumentNullException>(() => scopes.Grant(null!, Read));
        Assert.Throws<ArgumentNullException>(() => scopes.Has(null!));
    }
}

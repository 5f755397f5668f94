using HealthHomes.Fhir.Server.Security;
using static HealthHomes.Fhir.Server.Security.ResourcePermissions;

namespace HealthHomes.Fhir.Server.Tests.Security;

/// <summary>The SMART permission each FHIR interaction (https://hl7.org/fhir/R4/http.html) needs.</summary>
public sealed class InteractionPermissionsTests
{
    public static TheoryData<FhirInteraction, ResourcePermissions> Table => new()
    {
        { FhirInteraction.Read, Read },
        { FhirInteraction.VRead, Read },
        { FhirInteraction.HistoryInstance, Read },
        { FhirInteraction.HistoryType, ResourcePermissions.Search },
        { FhirInteraction.HistorySystem, ResourcePermissions.Search },
        { FhirInteraction.SearchType, ResourcePermissions.Search },
        { FhirInteraction.SearchSystem, ResourcePermissions.Search },
        { FhirInteraction.Create, Create },
        { FhirInteraction.ConditionalCreate, Create | ResourcePermissions.Search },
        { FhirInteraction.Update, Update },
        { FhirInteraction.ConditionalUpdate, Update | ResourcePermissions.Search },
        { FhirInteraction.Patch, Update },
        { FhirInteraction.ConditionalPatch, Update | ResourcePermissions.Search },
        { FhirInteraction.Delete, Delete },
        { FhirInteraction.ConditionalDelete, Delete | ResourcePermissions.Search },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_interaction_needs_its_permissions(FhirInteraction interaction, ResourcePermissions needed) =>
        Assert.Equal(needed, InteractionPermissions.Needed(interaction));

    [Fact]
    public void The_table_covers_every_interaction() =>
        Assert.Equal(Enum.GetValues<FhirInteraction>(), Table.Select(row => (FhirInteraction)row[0]).Order());

    [Fact]
    public void An_undefined_interaction_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InteractionPermissions.Needed((FhirInteraction)99));

    [Theory]
    // scopes, interaction, allowed
    [InlineData("patient/Task.u", FhirInteraction.Update, true)]
    [InlineData("patient/Task.u", FhirInteraction.ConditionalUpdate, false)] // a conditional write also searches
    [InlineData("patient/Task.us", FhirInteraction.ConditionalPatch, true)]
    [InlineData("patient/Task.c", FhirInteraction.ConditionalCreate, false)]
    [InlineData("patient/Task.c user/Task.s", FhirInteraction.ConditionalCreate, true)]
    [InlineData("patient/Task.d", FhirInteraction.ConditionalDelete, false)]
    [InlineData("patient/Task.r", FhirInteraction.HistoryInstance, true)]
    [InlineData("patient/Task.r", FhirInteraction.HistoryType, false)]
    [InlineData("patient/Task.s", FhirInteraction.VRead, false)]
    [InlineData("patient/Task.write", FhirInteraction.Patch, true)]
    public void Scopes_allow_an_interaction_through_its_permissions(string scope, FhirInteraction interaction, bool allowed) =>
        Assert.Equal(allowed, GrantedScopes.Parse(scope).Grant("Task", InteractionPermissions.Needed(interaction)).Allowed);
}

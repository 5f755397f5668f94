using HealthHomes.Fhir.CareManagement.Ecm;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;
using static HealthHomes.Fhir.CareManagement.Tests.Ecm.EcmTestData;

namespace HealthHomes.Fhir.CareManagement.Tests.Ecm;

public sealed class EcmProviderAssignmentTests
{
    private static readonly Organization Plan = Org("plan", null, null, OrganizationRoleCodes.ManagedCarePlan);
    private static readonly Organization Preferred = EcmOrg("preferred");
    private static readonly Organization PcpClinic = EcmOrg("pcp-clinic");
    private static readonly Organization Bh = EcmOrg("county-bh", "2025-01-01", null, OrganizationRoleCodes.SpecialtyMentalHealthProvider);
    private static readonly Organization Default = EcmOrg("default-ecm");

    private static readonly Dictionary<string, PractitionerRole> Roles = new()
    {
        ["PractitionerRole/dr-a"] = new PractitionerRole { Id = "dr-a", Organization = new ResourceReference("Organization/pcp-clinic") },
    };

    private static CareManagementSettings Settings(string? fallback = "Organization/default-ecm") => new() { DefaultEcmProvider = fallback };

    private static AssignmentResult Assign(Records.MemberRecord record, IEnumerable<Organization> directory, string? preference = null, string? fallback = "Organization/default-ecm") =>
        EcmProviderAssignment.Assign(record, directory, Roles, preference, Settings(fallback), AsOf);

    private static AssignmentDecision Decided(AssignmentResult result)
    {
        Assert.True(result.Succeeded, result.Failure?.Message);
        return result.Decision!;
    }

    [Fact]
    public void ECM_ASSIGN_10BD_step1_a_contracted_preference_wins_over_a_PCP_who_is_an_ECM_provider()
    {
        var record = Record(Patient("PractitionerRole/dr-a"));

        var decision = Decided(Assign(record, [Plan, Preferred, PcpClinic, Default], "Organization/preferred"));

        Assert.Equal(AssignmentStepCodes.MemberPreference, decision.Step);
        Assert.Equal("Organization/preferred", decision.ChosenOrganization);
        Assert.Equal(AssignmentStepCodes.InOrder, decision.Steps.Select(s => s.Step));
        Assert.Single(decision.Steps, s => s.Chosen);
    }

    [Fact]
    public void ECM_ASSIGN_10BD_step2_a_preference_that_is_not_a_contracted_ECM_provider_falls_to_the_PCP()
    {
        var notEcm = Org("not-ecm", "2025-01-01", null, OrganizationRoleCodes.HealthHomePartner);
        var record = Record(Patient("PractitionerRole/dr-a"));

        var decision = Decided(Assign(record, [Plan, notEcm, PcpClinic, Default], "Organization/not-ecm"));

        Assert.Equal(AssignmentStepCodes.PcpIsEcmProvider, decision.Step);
        Assert.Equal("Organization/pcp-clinic", decision.ChosenOrganization);
        var preference = decision.Steps.Single(s => s.Step == AssignmentStepCodes.MemberPreference);
        Assert.False(preference.Chosen);
        Assert.Contains("not an ECM Provider", preference.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ECM_ASSIGN_10BD_a_PCP_whose_contract_ended_the_day_before_asOf_is_not_eligible_and_the_serving_BH_provider_is_chosen()
    {
        var expired = EcmOrg("pcp-clinic", "2024-01-01", "2026-03-09");
        var record = Record(Patient("Organization/pcp-clinic"), encounters: [Encounter("e1", "AMB", "2025-06-01T10:00:00-07:00", "Organization/county-bh")]);

        var decision = Decided(Assign(record, [Plan, expired, Bh, Default]));

        Assert.Equal(AssignmentStepCodes.SpecialtyMhSudProvider, decision.Step);
        Assert.Equal("Organization/county-bh", decision.ChosenOrganization);
        var pcpStep = decision.Steps.Single(s => s.Step == AssignmentStepCodes.PcpIsEcmProvider);
        Assert.False(pcpStep.Chosen);
        Assert.Contains("contract ended 2026-03-09", pcpStep.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ECM_ASSIGN_10BD_a_PCP_contract_ending_on_the_assignment_date_is_still_eligible()
    {
        var endsToday = EcmOrg("pcp-clinic", "2024-01-01", "2026-03-10");
        var record = Record(Patient("Organization/pcp-clinic"));

        var decision = Decided(Assign(record, [Plan, endsToday, Default]));

        Assert.Equal(AssignmentStepCodes.PcpIsEcmProvider, decision.Step);
    }

    [Fact]
    public void ECM_ASSIGN_10BD_step3_a_SUD_provider_on_the_care_team_is_chosen_but_one_seen_only_13_months_ago_is_not()
    {
        var sud = EcmOrg("sud", "2025-01-01", null, OrganizationRoleCodes.SudProvider);
        var team = new CareTeam
        {
            Status = CareTeam.CareTeamStatus.Active,
            Participant = [new CareTeam.ParticipantComponent { Member = new ResourceReference("Practitioner/x"), OnBehalfOf = new ResourceReference("Organization/sud") }],
        };
        var viaTeam = Decided(Assign(Record(Patient(), careTeams: [team]), [Plan, sud, Default]));
        Assert.Equal(AssignmentStepCodes.SpecialtyMhSudProvider, viaTeam.Step);
        Assert.Equal("Organization/sud", viaTeam.ChosenOrganization);

        var old = Record(Patient(), encounters: [Encounter("e-old", "AMB", "2025-02-10T10:00:00-08:00", "Organization/sud")]);
        var fallback = Decided(Assign(old, [Plan, sud, Default]));
        Assert.Equal(AssignmentStepCodes.PlanDefault, fallback.Step);
    }

    [Fact]
    public void ECM_ASSIGN_10BD_step3_a_BH_provider_that_is_not_a_contracted_ECM_provider_is_skipped_with_the_reason()
    {
        var bhOnly = Org("county-bh", "2025-01-01", null, OrganizationRoleCodes.SpecialtyMentalHealthProvider);
        var record = Record(Patient(), encounters: [Encounter("e1", "AMB", "2026-01-10T10:00:00-08:00", "Organization/county-bh")]);

        var decision = Decided(Assign(record, [Plan, bhOnly, Default]));

        Assert.Equal(AssignmentStepCodes.PlanDefault, decision.Step);
        var step3 = decision.Steps.Single(s => s.Step == AssignmentStepCodes.SpecialtyMhSudProvider);
        Assert.Equal("Organization/county-bh", step3.Candidate);
        Assert.Contains("not an ECM Provider", step3.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ECM_ASSIGN_10BD_step4_nothing_applies_so_the_plan_default_is_chosen_and_without_a_PCP_no_PCP_notification()
    {
        var decision = Decided(Assign(Record(Patient()), [Plan, Default]));

        Assert.Equal(AssignmentStepCodes.PlanDefault, decision.Step);
        Assert.Equal("Organization/default-ecm", decision.ChosenOrganization);
        Assert.Null(decision.PcpNotification);
        Assert.Null(decision.Pcp);
        Assert.Contains("No PCP on record", decision.PcpNotificationExplanation, StringComparison.Ordinal);
        Assert.Equal(3, decision.Resources.Count);
        Assert.Contains("No preference stated", decision.Steps[0].Explanation, StringComparison.Ordinal);
        Assert.Contains("No PCP on record", decision.Steps[1].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ECM_ASSIGN_10BD_no_ECM_enrollment_is_a_422_failure_not_an_exception()
    {
        var ks = new EpisodeOfCare { Id = "ks", Type = [new CodeableConcept(ProgramCodes.ProgramSystem, ProgramCodes.KsHealthHomes)], Status = EpisodeOfCare.EpisodeOfCareStatus.Active };

        var result = Assign(Record(Patient(), episodes: [ks]), [Plan, Default]);

        Assert.False(result.Succeeded);
        Assert.Equal(422, result.Failure!.HttpStatus);
        Assert.Equal(AssignmentFailureCodes.NoEcmEnrollment, result.Failure.Code);
    }

    [Fact]
    public void ECM_ASSIGN_10BD_an_authorization_that_ended_the_day_before_asOf_is_a_no_active_authorization_failure()
    {
        var result = Assign(Record(Patient(), episodes: [EcmEpisode("2025-03-10", "2026-03-09")]), [Plan, Default]);

        Assert.Equal(AssignmentFailureCodes.NoActiveAuthorization, result.Failure?.Code);

        var authorizedToday = Assign(Record(Patient(), episodes: [EcmEpisode("2026-03-10", "2027-03-09")]), [Plan, Default]);
        Assert.True(authorizedToday.Succeeded);
    }

    [Fact]
    public void ECM_ASSIGN_10BD_an_enrollment_already_managed_by_an_ECM_provider_is_not_reassigned()
    {
        var result = Assign(Record(Patient(), episodes: [EcmEpisode(managing: "Organization/preferred")]), [Plan, Preferred, Default]);

        Assert.Equal(409, result.Failure?.HttpStatus);
        Assert.Equal(AssignmentFailureCodes.AlreadyAssigned, result.Failure?.Code);
    }

    [Fact]
    public void ECM_ASSIGN_10BD_a_default_that_is_not_contracted_leaves_no_eligible_provider()
    {
        var expiredDefault = EcmOrg("default-ecm", "2024-01-01", "2025-12-31");

        var result = Assign(Record(Patient()), [Plan, expiredDefault]);

        Assert.Equal(AssignmentFailureCodes.NoEligibleProvider, result.Failure?.Code);
        Assert.Equal(4, result.Failure!.Steps.Count);
        Assert.All(result.Failure.Steps, s => Assert.False(s.Chosen));
    }

    [Fact]
    public void ECM_ASSIGN_10BD_the_resources_record_the_assignment_lead_care_manager_slot_and_notifications_in_preparation()
    {
        var episode = EcmEpisode();
        var record = Record(Patient("PractitionerRole/dr-a"), episodes: [episode]);

        var decision = Decided(Assign(record, [Plan, Preferred, Default], "Organization/preferred"));

        Assert.Equal("Organization/preferred", decision.Enrollment.ManagingOrganization!.Reference);
        Assert.Equal("2026-03-10", decision.Enrollment.Period!.Start);
        Assert.Equal(new DateOnly(2026, 3, 10), decision.AssignmentDate);
        Assert.Equal("Organization/plan", episode.ManagingOrganization!.Reference);
        Assert.Equal(EpisodeId, decision.Enrollment.Id);

        var lcm = Assert.Single(decision.CareTeam.Participant);
        Assert.True(lcm.Role.Single().HasCode(ProgramCodes.CareTeamRoleSystem, ProgramCodes.LeadCareManager));
        Assert.Equal("Organization/preferred", lcm.Member!.Reference);
        Assert.Equal("Organization/preferred", lcm.OnBehalfOf!.Reference);
        Assert.Equal("EpisodeOfCare/" + EpisodeId, decision.CareTeam.EnrollmentId() is { } id ? "EpisodeOfCare/" + id : null);
        Assert.Null(decision.CareTeam.Id);

        var provider = decision.ProviderNotification;
        Assert.True(provider.Category.HasCode(ProgramCodes.NotificationTypeSystem, ProgramCodes.ProviderAssignmentNotification));
        Assert.Equal("Organization/preferred", provider.Recipient.Single().Reference);
        var pcp = decision.PcpNotification!;
        Assert.True(pcp.Category.HasCode(ProgramCodes.NotificationTypeSystem, ProgramCodes.PcpAssignmentNotification));
        Assert.Equal("PractitionerRole/dr-a", pcp.Recipient.Single().Reference);
        Assert.All([provider, pcp], c =>
        {
            Assert.Equal(EventStatus.Preparation, c.Status);
            Assert.Null(c.Sent);
            Assert.Equal(EpisodeId, c.EnrollmentId());
        });
    }

    [Fact]
    public void ECM_ASSIGN_10BD_an_existing_enrollment_start_is_kept()
    {
        var decision = Decided(Assign(Record(Patient(), episodes: [EcmEpisode(start: "2026-03-03")]), [Plan, Default]));

        Assert.Equal("2026-03-03", decision.Enrollment.Period!.Start);
        Assert.Equal("2026-03-10", decision.CareTeam.Period!.Start);
    }

    [Fact]
    public void ECM_ASSIGN_10BD_a_PCP_that_is_the_chosen_ECM_provider_gets_no_separate_notification()
    {
        var decision = Decided(Assign(Record(Patient("PractitionerRole/dr-a")), [Plan, PcpClinic, Default]));

        Assert.Equal(AssignmentStepCodes.PcpIsEcmProvider, decision.Step);
        Assert.Null(decision.PcpNotification);
        Assert.Contains("if different from the ECM Provider", decision.PcpNotificationExplanation, StringComparison.Ordinal);
    }
}

using System.Globalization;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace HealthHomes.Fhir.Synthetic.Tests;

/// <summary>Over 400 members the panel holds every structure the rules and engagement statuses of docs/domain/ read.</summary>
public sealed class SyntheticHistoryTests
{
    private const string Base = "https://fhir.healthhomes.example/";

    private static readonly Lazy<List<Bundle>> Panel = new(() => new SyntheticPanel(seed: 3, memberCount: 400).Members().ToList());

    private static IEnumerable<T> All<T>(Bundle bundle) where T : Resource => bundle.Entry.Select(e => e.Resource!).OfType<T>();

    private static IEnumerable<T> Everywhere<T>() where T : Resource => Panel.Value.SelectMany(All<T>);

    private static string? Code(CodeableConcept? concept, string system) => concept?.Coding.FirstOrDefault(c => c.System == system)?.Code;

    private static IEnumerable<FhirTask> Tasks(string code) => Everywhere<FhirTask>().Where(t => t.Code!.Coding.Any(c => c.System == Base + "CodeSystem/hh-task-code" && c.Code == code));

    private static DateTimeOffset At(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);

    private static string? Output(FhirTask task, string type) =>
        task.Output.FirstOrDefault(o => o.Type!.Coding[0].Code == type)?.Value is CodeableConcept c ? c.Coding[0].Code : null;

    private static string? Input(FhirTask task, string type) =>
        task.Input.FirstOrDefault(i => i.Type!.Coding[0].Code == type)?.Value is CodeableConcept c ? c.Coding[0].Code : null;

    private static bool IsEcm(Bundle b) => All<EpisodeOfCare>(b).Single().Type[0].Coding[0].Code == "ecm";

    [Fact]
    public void Engagement_statuses_come_in_the_designed_proportions()
    {
        var panel = new SyntheticPanel(seed: 5, memberCount: 3000).Members().Select(EngagementScenario.Of).ToList();

        Assert.All(EngagementScenario.Weights, w =>
            Assert.InRange(panel.Count(s => s == w.Status) / (double)panel.Count, w.Percent / 100.0 - 0.025, w.Percent / 100.0 + 0.025));
    }

    [Fact]
    public void Eligibility_reviews_include_expedited_late_and_pending()
    {
        var reviews = Tasks("ecm-eligibility-review").ToList();
        var decided = reviews.Where(t => t.Status == FhirTask.TaskStatus.Completed).ToList();
        static double Hours(FhirTask t) => (At(t.ExecutionPeriod!.End!) - At(t.AuthoredOn!)).TotalHours;

        Assert.Contains(reviews, t => t.Status == FhirTask.TaskStatus.InProgress && t.ExecutionPeriod!.End is null);
        Assert.Contains(decided, t => t.Priority == RequestPriority.Urgent && Hours(t) <= 72);
        Assert.Contains(decided, t => t.Priority == RequestPriority.Urgent && Hours(t) > 72);
        Assert.Contains(decided, t => t.Priority == RequestPriority.Routine && Hours(t) <= 5 * 24);
        Assert.Contains(decided, t => t.Priority == RequestPriority.Routine && Hours(t) > 9 * 24);
        Assert.InRange(decided.Count(t => t.Priority == RequestPriority.Urgent) / (double)decided.Count, 0.04, 0.18);
    }

    [Fact]
    public void Ecm_enrollments_have_authorization_assignment_and_notifications_on_time_and_late()
    {
        var ecm = Panel.Value.Where(IsEcm).ToList();
        var authorizations = ecm.Select(b => All<EpisodeOfCare>(b).Single()).Where(e => e.Status != EpisodeOfCare.EpisodeOfCareStatus.Planned)
            .Select(e => (Period)e.GetExtensionValue<Period>(Base + "StructureDefinition/hh-authorization-period")).ToList();
        var notices = ecm.SelectMany(b => All<Communication>(b).Where(c => Code(c.Category.FirstOrDefault(), Base + "CodeSystem/hh-notification-type") == "provider-assignment-notification")
            .Select(c => (At(c.Sent!) - At(All<EpisodeOfCare>(b).Single().Period!.Start + "T00:00:00" + c.Sent![^6..])).TotalDays)).ToList();

        Assert.All(authorizations, Assert.NotNull);
        Assert.Contains(authorizations, p => DateTime.Parse(p.End!, CultureInfo.InvariantCulture) == DateTime.Parse(p.Start!, CultureInfo.InvariantCulture).AddMonths(12).AddDays(-1));
        Assert.Contains(authorizations, p => DateTime.Parse(p.End!, CultureInfo.InvariantCulture) < DateTime.Parse(p.Start!, CultureInfo.InvariantCulture).AddMonths(11));
        Assert.Contains(notices, d => d <= 7);
        Assert.Contains(notices, d => d > 8);
        Assert.Contains(ecm.SelectMany(All<Communication>), c => Code(c.Category.FirstOrDefault(), Base + "CodeSystem/hh-notification-type") == "pcp-assignment-notification");
        Assert.Contains(ecm, b => All<CareTeam>(b).Single().Participant.All(p => p.Role[0].Coding[0].Code != "lead-care-manager") && All<EpisodeOfCare>(b).Single().CareManager is null);
    }

    [Fact]
    public void Provider_changes_and_prior_plan_notifications_occur_for_a_few_ecm_members()
    {
        var changes = Tasks("ecm-provider-change").ToList();
        var notifications = Everywhere<Communication>().Where(c => Code(c.Category.FirstOrDefault(), Base + "CodeSystem/hh-notification-type") == "provider-change-notification").ToList();

        Assert.NotEmpty(changes);
        Assert.All(changes, t => Assert.Equal(2, notifications.Count(c => c.BasedOn.Any(r => Panel.Value.Any(b => b.Entry.Any(e => e.FullUrl == r.Reference && e.Resource == t))))));
        Assert.NotEmpty(Tasks("prior-ecm-notification"));
    }

    [Fact]
    public void Ecm_members_with_and_without_the_two_attempt_pattern()
    {
        static int Bucket(DateTimeOffset t) => t.Hour < 9 ? 0 : t.Hour < 17 ? 1 : 2;
        var results = Panel.Value.Where(IsEcm).Select(b =>
        {
            var notice = All<Communication>(b).FirstOrDefault(c => Code(c.Category.FirstOrDefault(), Base + "CodeSystem/hh-notification-type") == "provider-assignment-notification");
            var attempts = All<FhirTask>(b).Where(t => t.Code!.Coding[0].Code == "outreach-attempt").Select(t => At(t.ExecutionPeriod!.Start!)).ToList();
            if (notice is null || attempts.Count == 0)
            {
                return (bool?)null;
            }

            var window = attempts.Where(a => a <= At(notice.Sent!).AddDays(31)).ToList();
            return window.Any(a => window.Any(c => c.DayOfWeek != a.DayOfWeek && Bucket(c) != Bucket(a)));
        }).Where(r => r is not null).ToList();

        Assert.InRange(results.Count(r => r == true) / (double)results.Count, 0.55, 0.95);
        Assert.Contains(results, r => r == false);
    }

    [Fact]
    public void Discharges_with_and_without_follow_up_and_hap_completion_on_time_late_and_missing()
    {
        var ks = Panel.Value.Where(b => !IsEcm(b)).ToList();
        var followUps = ks.SelectMany(b => All<Encounter>(b).Where(e => e.Class!.Code is "IMP" or "ACUTE").Select(stay =>
        {
            var discharged = At(stay.Period!.End!);
            var next = All<Encounter>(b).Where(e => e.Class!.Code == "AMB" && At(e.Period!.Start!) >= discharged).Select(e => (At(e.Period!.Start!) - discharged).TotalDays).DefaultIfEmpty(999).Min();
            return next;
        })).ToList();
        var haps = ks.Select(b => (Status: EngagementScenario.Of(b), Plan: All<CarePlan>(b).SingleOrDefault(), Start: DateTime.Parse(All<EpisodeOfCare>(b).Single().Period!.Start!, CultureInfo.InvariantCulture))).ToList();
        double? Days((string Status, CarePlan? Plan, DateTime Start) h) => h.Plan?.GetExtensionValue<FhirDateTime>(Base + "StructureDefinition/hh-completion-date") is { } done ? (At(done.Value!).Date - h.Start).TotalDays : null;

        Assert.Contains(followUps, d => d <= 7);
        Assert.Contains(followUps, d => d is > 8 and <= 30);
        Assert.Contains(followUps, d => d > 30);
        Assert.Contains(haps, h => h.Plan?.Status == RequestStatus.Active && Days(h) <= 90);
        Assert.Contains(haps, h => h.Plan?.Status == RequestStatus.Active && Days(h) > 90);
        Assert.Contains(haps, h => h.Status == EngagementScenario.Engaged && (h.Plan is null || h.Plan.Status == RequestStatus.Draft));
    }

    [Fact]
    public void Declines_have_opt_out_consents_and_disenrollments_have_reasons()
    {
        var consents = Everywhere<Consent>().ToList();
        var finished = Everywhere<EpisodeOfCare>().Where(e => e.Status == EpisodeOfCare.EpisodeOfCareStatus.Finished).ToList();

        Assert.NotEmpty(consents);
        Assert.All(consents, c => Assert.Equal(Consent.ConsentProvisionType.Deny, c.Provision!.Type));
        Assert.All(finished, e => Assert.NotNull(e.Period!.End));
        var reasons = finished.Select(e => e.GetExtensionValue<CodeableConcept>(Base + "StructureDefinition/hh-disenrollment-reason")?.Coding[0].Code).ToList();
        Assert.True(reasons.Distinct().Count(r => r is not null) >= 4, string.Join(", ", reasons));
        Assert.Contains(null, reasons); // KS-HH enrollments end without an ECM reason
        Assert.Contains("unable-to-connect", reasons);
    }

    [Fact]
    public void Referrals_close_by_reason_including_member_unable_to_reach()
    {
        var referrals = Tasks("referral").ToList();
        var reasons = referrals.Select(t => Code(t.StatusReason, Base + "CodeSystem/hh-referral-closure")).ToList();

        Assert.InRange(Panel.Value.Count(b => All<ServiceRequest>(b).Any()) / (double)Panel.Value.Count, 0.2, 0.45);
        Assert.Contains("member-unable-to-reach", reasons);
        Assert.Contains("completed", reasons);
        Assert.Contains(reasons, r => r is "member-declined" or "reassigned" or "cancelled");
        Assert.Contains(referrals, t => t.Status is FhirTask.TaskStatus.Requested or FhirTask.TaskStatus.InProgress or FhirTask.TaskStatus.Accepted);
        Assert.All(referrals, t => Assert.StartsWith("Organization/community-", t.Owner!.Reference, StringComparison.Ordinal));
    }

    [Fact]
    public void Checklists_one_to_four_corrected_numbers_callbacks_and_informed_of_rights_appear()
    {
        var steps = Tasks("checklist-step").ToList();
        var attempts = Tasks("outreach-attempt").ToList();

        Assert.All(new[] { "checklist-1", "checklist-2", "checklist-3", "checklist-4" }, c => Assert.Contains(steps, s => Input(s, "checklist") == c));
        Assert.All(steps, s => Assert.Single(s.PartOf));
        Assert.Contains(Everywhere<Patient>(), p => p.Telecom.Count(t => t.System == ContactPoint.ContactPointSystem.Phone) == 2 && p.Telecom.Any(t => t.Period?.Start is not null));
        Assert.Contains(attempts, t => t.Output.Any(o => o.Type!.Coding[0].Code == "callback-due" && o.Value is FhirDateTime));
        Assert.Contains(attempts, t => t.Output.Any(o => o.Value is FhirBoolean { Value: true }));
        Assert.Contains(attempts, t => t.Output.Any(o => o.Value is FhirBoolean { Value: false }));
        Assert.All(new[] { "wrong-number", "number-missing-or-disconnected", "address-not-found", "mail-returned", "agreed-to-engage", "declined", "scheduled-callback" },
            o => Assert.Contains(attempts, t => Output(t, "outreach-outcome") == o));
    }

    [Fact]
    public void Attempt_times_carry_the_program_offset_with_daylight_saving()
    {
        var offsets = Panel.Value.SelectMany(b => All<FhirTask>(b).Where(t => t.Code!.Coding[0].Code == "outreach-attempt").Select(t => (Ecm: IsEcm(b), Offset: t.ExecutionPeriod!.Start![^6..]))).Distinct().ToList();

        Assert.Equal(["-05:00", "-06:00"], offsets.Where(o => !o.Ecm).Select(o => o.Offset).Order(StringComparer.Ordinal));
        Assert.Equal(["-07:00", "-08:00"], offsets.Where(o => o.Ecm).Select(o => o.Offset).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Health_home_partners_carry_hit_milestones_some_late_or_missing()
    {
        var partners = SyntheticPanel.Directory().Entry.Select(e => e.Resource).OfType<Organization>().Where(o => o.Meta?.Profile.Any(p => p!.EndsWith("hh-health-home-partner", StringComparison.Ordinal)) == true).ToList();
        var attestations = partners.Select(p => p.Extension.Where(e => e.Url == Base + "StructureDefinition/hh-hit-attestation").ToList()).ToList();

        Assert.All(partners, p => Assert.NotNull(p.GetExtensionValue<Period>(Base + "StructureDefinition/hh-contract-period")));
        Assert.Contains(attestations, a => a.Count == 3);
        Assert.Contains(attestations, a => a.Count < 3);
        Assert.Contains(SyntheticPanel.Directory().Entry.Select(e => e.Resource).OfType<Organization>(), o => o.Type.Count == 2 && o.Type[0].Coding[0].Code == "ecm-provider");
        Assert.All(Everywhere<Patient>(), p => Assert.StartsWith("Organization/", Assert.Single(p.GeneralPractitioner).Reference, StringComparison.Ordinal));
    }
}

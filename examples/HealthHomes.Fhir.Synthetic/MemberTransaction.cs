using System.Globalization;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Synthetic;

/// <summary>Builds one member's transaction Bundle from the member's own random stream.</summary>
internal sealed class MemberTransaction
{
    private static readonly string[] KsCities = ["Wichita", "Topeka", "Kansas City", "Lawrence", "Salina", "Garden City", "Emporia"];
    private static readonly string[] CaCities = ["Los Angeles", "Fresno", "Oakland", "Sacramento", "San Diego", "Riverside", "Stockton"];

    private readonly Random _random;
    private readonly int _index;
    private readonly Bundle _bundle = new() { Type = Bundle.BundleType.Transaction };

    public MemberTransaction(Random random, int index)
    {
        _random = random;
        _index = index;
    }

    public Bundle Build()
    {
        var status = EngagementScenario.Pick(_random);
        var ecm = _random.Next(100) < 45;
        var provider = _random.Next(ecm ? ProviderDirectory.EcmProviders : ProviderDirectory.HealthHomePartners);
        var organization = "Organization/" + (ecm ? ProviderDirectory.EcmProviderId(provider) : ProviderDirectory.HealthHomePartnerId(provider));
        var staff = Enumerable.Range(0, ProviderDirectory.PractitionersPerProvider).OrderBy(_ => _random.Next()).ToArray();
        string Staff(int i) => "Practitioner/" + ProviderDirectory.PractitionerId(ecm, provider, staff[i]);

        // Enrollment (KS) or assignment (ECM) date: recent for members outreach has not finished with, else 5-24 months back.
        var recent = status is EngagementScenario.NotOutreached or EngagementScenario.OutreachInProgress;
        var start = ProgramClock.Weekday(ProgramClock.DaysAgo(status switch
        {
            EngagementScenario.NotOutreached => 3 + _random.Next(25),
            EngagementScenario.OutreachInProgress => 12 + _random.Next(25),
            _ => 150 + _random.Next(570),
        }));
        var pcp = ProviderDirectory.PrimaryCare(_random, ecm);
        var member = Patient(ecm, organization, pcp, status);
        var patient = Add(member);
        var careTeamUrl = NextUrl();
        var plan = "Organization/" + ProviderDirectory.ResponsiblePlanId(ecm, provider);
        var lead = !ecm || _random.Next(100) >= 8;
        var authorization = ecm ? new EcmAuthorizationHistory(_random, status, start, recent) : null;
        var enrollment = Enrollment(ecm, patient, organization, plan, lead ? Staff(0) : null, careTeamUrl, authorization?.Assignment ?? start);
        authorization?.Annotate(enrollment);
        var episode = Add(enrollment);
        Add(CareTeam(ecm, lead, patient, episode, organization, Staff), careTeamUrl);
        authorization?.Add(this, patient, episode, plan, organization, pcp);

        var outreachStart = ecm ? authorization!.ProviderNotice : start;
        var records = new OutreachRecords(_random, this, member, patient, episode, ecm);
        var outreach = outreachStart is { } from && status != EngagementScenario.NotOutreached
            ? new OutreachHistory(_random, records, ecm, Staff(0), Staff(1)).Add(status, from, recent)
            : new OutreachResult(null, null, null, null);
        var until = ProgramClock.LastDay;
        if (status == EngagementScenario.Disenrolled)
        {
            until = Disenroll(enrollment, ecm, outreach, start);
        }

        var clinical = new ClinicalHistory(_random, this, ecm, patient, episode);
        if (outreach.Agreed is { } agreed)
        {
            clinical.Plan(start, agreed, status == EngagementScenario.Disenrolled, Staff(0), careTeamUrl);
        }

        if (outreach.Declined is { } declined && _random.Next(100) < 65)
        {
            clinical.OptOut(declined, organization);
        }

        if (_random.Next(100) < (ecm ? 8 : 22))
        {
            clinical.InpatientStay(start, until);
        }

        var referral = status switch
        {
            EngagementScenario.Engaged => 60,
            EngagementScenario.UnableToReach => 40,
            EngagementScenario.ContactedNotEngaged or EngagementScenario.Disenrolled => 30,
            EngagementScenario.Declined => 20,
            _ => 0,
        };
        if (_random.Next(100) < referral)
        {
            new ReferralHistory(_random, this, ecm, patient, episode).Add(outreach.FirstContact ?? outreach.Last ?? start, Staff(0), status == EngagementScenario.UnableToReach);
        }

        return _bundle;
    }

    /// <summary>Ends the enrollment some weeks after the outreach, with an ECM disenrollment reason that fits it; returns the end day.</summary>
    private DateTime Disenroll(EpisodeOfCare enrollment, bool ecm, OutreachResult outreach, DateTime start)
    {
        var after = outreach.Last ?? start;
        var end = after.Date.AddDays(20 + _random.Next(180));
        end = end > ProgramClock.LastDay ? ProgramClock.LastDay : end;
        enrollment.Status = EpisodeOfCare.EpisodeOfCareStatus.Finished;
        enrollment.Period!.End = ProgramClock.Date(end);
        if (ecm)
        {
            string[] engaged = ["goals-met", "goals-met", "lower-level-of-care", "lost-medi-cal", "switched-plans", "moved-out-of-county", "incarcerated", "deceased", "not-reauthorized", "other"];
            var reason = outreach.Agreed is not null ? engaged[_random.Next(engaged.Length)]
                : outreach.Declined is not null ? (_random.Next(2) == 0 ? "declined" : "member-no-longer-wishes")
                : "unable-to-connect";
            enrollment.Extension.Add(new Extension(CodeSystems.Extension("hh-disenrollment-reason"), new CodeableConcept("https://fhir.healthhomes.example/CodeSystem/ecm-disenrollment-reason", reason)));
        }

        return end;
    }

    /// <summary>Adds a POST entry with a new urn:uuid fullUrl (or the one given) and returns that fullUrl.</summary>
    public string Add(Resource resource, string? fullUrl = null)
    {
        fullUrl ??= NextUrl();
        _bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = fullUrl,
            Resource = resource,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName },
        });
        return fullUrl;
    }

    /// <summary>The hh-enrollment extension: the record belongs to this enrollment.</summary>
    public static Extension EnrollmentOf(string episode) => new(CodeSystems.Extension("hh-enrollment"), new ResourceReference(episode));

    public static Meta Claiming(string profile) => new() { Profile = [CodeSystems.Profile(profile)] };

    public static string Instant(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A version 4 UUID made from the member's random stream (never Guid.NewGuid: the panel must repeat).</summary>
    private string NextUrl()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return "urn:uuid:" + new Guid(bytes).ToString("D", CultureInfo.InvariantCulture);
    }

    private Patient Patient(bool ecm, string organization, string pcp, string status)
    {
        var name = MemberNames.Member(_random);
        var birth = SyntheticPanel.BaseDate.AddDays(-_random.Next(ecm && _random.Next(5) == 0 ? 2 * 365 : 19 * 365, 80 * 365));
        var patient = new Patient
        {
            Meta = new Meta { Profile = [CodeSystems.Profile("hh-member")], Tag = [new Coding(EngagementScenario.TagSystem, status)] },
            Identifier =
            [
                new Identifier(ecm ? CodeSystems.MediCalCin : CodeSystems.KanCareId, SyntheticPanel.MedicaidId(_index, ecm))
                {
                    Use = Identifier.IdentifierUse.Official,
                    Type = new CodeableConcept(CodeSystems.IdentifierType, "MA", "Patient Medicaid number"),
                },
            ],
            Active = true,
            Name = [name],
            Gender = _random.Next(100) < 52 ? AdministrativeGender.Female : AdministrativeGender.Male,
            BirthDate = Day(birth),
            ManagingOrganization = new ResourceReference(organization),
            GeneralPractitioner = [new ResourceReference(pcp)],
            Address =
            [
                new Address
                {
                    Use = Address.AddressUse.Home,
                    Line = [(100 + _random.Next(9900)).ToString(CultureInfo.InvariantCulture) + " " + MemberNames.Family(_random.Next(MemberNames.FamilyCount)) + " St"],
                    City = ecm ? CaCities[_random.Next(CaCities.Length)] : KsCities[_random.Next(KsCities.Length)],
                    State = ecm ? "CA" : "KS",
                    PostalCode = (ecm ? 90000 + _random.Next(6000) : 66000 + _random.Next(1900)).ToString(CultureInfo.InvariantCulture),
                },
            ],
        };
        if (_random.Next(100) < 90 || status == EngagementScenario.UnableToReach)
        {
            var phone = (ecm ? "(559) " : "(316) ") + _random.Next(200, 1000).ToString(CultureInfo.InvariantCulture) + "-" + _random.Next(10000).ToString("D4", CultureInfo.InvariantCulture);
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, _random.Next(3) == 0 ? ContactPoint.ContactPointUse.Home : ContactPoint.ContactPointUse.Mobile, phone));
        }

        if (_random.Next(100) < 40)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home,
                name.Given.First()!.ToLowerInvariant() + "." + name.Family!.ToLowerInvariant() + _index.ToString(CultureInfo.InvariantCulture) + "@mail.example"));
        }

        return patient;
    }

    private EpisodeOfCare Enrollment(bool ecm, string patient, string organization, string plan, string? careManager, string careTeam, DateTime start)
    {
        var episode = new EpisodeOfCare
        {
            Meta = Claiming("hh-program-enrollment"),
            Extension = [new Extension(CodeSystems.Extension("hh-responsible-plan"), new ResourceReference(plan))],
            Status = EpisodeOfCare.EpisodeOfCareStatus.Active,
            Type = [new CodeableConcept(CodeSystems.Program, ecm ? CodeSystems.EnhancedCareManagement : CodeSystems.KsHealthHomes)],
            Patient = new ResourceReference(patient),
            ManagingOrganization = new ResourceReference(organization),
            Period = new Period { Start = ProgramClock.Date(start) },
            CareManager = careManager is null ? null : new ResourceReference(careManager),
            Team = [new ResourceReference(careTeam)],
        };
        if (ecm)
        {
            episode.Extension.Add(new Extension(CodeSystems.Extension("hh-population-of-focus"),
                new CodeableConcept(CodeSystems.EcmPopulationOfFocus, CodeSystems.PopulationsOfFocus[_random.Next(CodeSystems.PopulationsOfFocus.Count)])));
        }

        return episode;
    }

    private CareTeam CareTeam(bool ecm, bool lead, string patient, string episode, string organization, Func<int, string> staff)
    {
        var team = new CareTeam
        {
            Meta = Claiming("hh-care-team"),
            Extension = [EnrollmentOf(episode)],
            Status = Hl7.Fhir.Model.CareTeam.CareTeamStatus.Active,
            Subject = new ResourceReference(patient),
            ManagingOrganization = [new ResourceReference(organization)],
        };
        var roles = ecm
            ? new List<string> { lead ? "lead-care-manager" : "social-worker-care-coordinator", CodeSystems.KsCareTeamRoles[_random.Next(2)] }
            : [.. CodeSystems.KsCareTeamRoles.Take(2 + _random.Next(2))];
        for (var i = 0; i < roles.Count; i++)
        {
            team.Participant.Add(new CareTeam.ParticipantComponent
            {
                Role = [new CodeableConcept(CodeSystems.CareTeamRole, roles[i])],
                Member = new ResourceReference(staff(i)),
                OnBehalfOf = new ResourceReference(organization),
            });
        }

        return team;
    }
}

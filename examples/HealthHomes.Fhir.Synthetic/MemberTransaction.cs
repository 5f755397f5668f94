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
        var ecm = _random.Next(100) < 45;
        var offset = TimeSpan.FromHours(ecm ? -8 : -6);
        var provider = _random.Next(ecm ? ProviderDirectory.EcmProviders : ProviderDirectory.HealthHomePartners);
        var organization = "Organization/" + (ecm ? ProviderDirectory.EcmProviderId(provider) : ProviderDirectory.HealthHomePartnerId(provider));
        var staff = Enumerable.Range(0, ProviderDirectory.PractitionersPerProvider).OrderBy(_ => _random.Next()).ToArray();
        string Staff(int i) => "Practitioner/" + ProviderDirectory.PractitionerId(ecm, provider, staff[i]);

        var enrolled = (SyntheticPanel.BaseDate - TimeSpan.FromDays(_random.Next(150, 720))).ToOffset(offset).Date;
        var enrollment = new DateTimeOffset(enrolled, offset);

        var member = Patient(ecm, organization);
        var patient = Add(member);
        var careTeamUrl = NextUrl();
        var plan = "Organization/" + ProviderDirectory.ResponsiblePlanId(ecm, provider);
        var episode = Add(Enrollment(ecm, patient, organization, plan, Staff(0), careTeamUrl, enrollment));
        Add(CareTeam(ecm, patient, episode, organization, Staff), careTeamUrl);
        Add(Plan(ecm, patient, episode, Staff(0), careTeamUrl, enrollment));
        new OutreachHistory(_random, this, member, patient, episode, ecm, Staff(0), Staff(1)).Add(enrollment);
        if (_random.Next(100) < 15)
        {
            Add(InpatientStay(patient, enrollment));
        }

        return _bundle;
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

    private Patient Patient(bool ecm, string organization)
    {
        var name = MemberNames.Member(_random);
        var birth = SyntheticPanel.BaseDate.AddDays(-_random.Next(ecm && _random.Next(5) == 0 ? 2 * 365 : 19 * 365, 80 * 365));
        var patient = new Patient
        {
            Meta = Claiming("hh-member"),
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
        if (_random.Next(100) < 90)
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

    private EpisodeOfCare Enrollment(bool ecm, string patient, string organization, string plan, string careManager, string careTeam, DateTimeOffset start)
    {
        var episode = new EpisodeOfCare
        {
            Meta = Claiming("hh-program-enrollment"),
            Extension = [new Extension(CodeSystems.Extension("hh-responsible-plan"), new ResourceReference(plan))],
            Status = EpisodeOfCare.EpisodeOfCareStatus.Active,
            Type = [new CodeableConcept(CodeSystems.Program, ecm ? CodeSystems.EnhancedCareManagement : CodeSystems.KsHealthHomes)],
            Patient = new ResourceReference(patient),
            ManagingOrganization = new ResourceReference(organization),
            Period = new Period { Start = Day(start) },
            CareManager = new ResourceReference(careManager),
            Team = [new ResourceReference(careTeam)],
        };
        if (_random.Next(100) < 10)
        {
            episode.Status = EpisodeOfCare.EpisodeOfCareStatus.Finished;
            var end = start.AddDays(_random.Next(30, 365));
            episode.Period.End = Day(end < SyntheticPanel.BaseDate ? end : SyntheticPanel.BaseDate);
        }

        if (ecm)
        {
            episode.Extension.Add(new Extension(CodeSystems.Extension("hh-authorization-period"), new Period { Start = Day(start), End = Day(start.AddYears(1).AddDays(-1)) }));
            episode.Extension.Add(new Extension(CodeSystems.Extension("hh-population-of-focus"),
                new CodeableConcept(CodeSystems.EcmPopulationOfFocus, CodeSystems.PopulationsOfFocus[_random.Next(CodeSystems.PopulationsOfFocus.Count)])));
        }

        return episode;
    }

    private CareTeam CareTeam(bool ecm, string patient, string episode, string organization, Func<int, string> staff)
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
            ? new List<string> { "lead-care-manager", CodeSystems.KsCareTeamRoles[_random.Next(2)] }
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

    private CarePlan Plan(bool ecm, string patient, string episode, string author, string careTeam, DateTimeOffset enrolled)
    {
        var created = enrolled.AddDays(_random.Next(20, 90)).AddHours(9 + _random.Next(8));
        var plan = new CarePlan
        {
            Meta = ecm ? null : Claiming("hh-health-action-plan"),
            Extension = ecm ? [EnrollmentOf(episode)] : [new Extension(CodeSystems.Extension("hh-completion-date"), new FhirDateTime(Instant(created))), EnrollmentOf(episode)],
            Created = Instant(created),
            Status = RequestStatus.Active,
            Intent = Hl7.Fhir.Model.CarePlan.CarePlanIntent.Plan,
            Category = [new CodeableConcept(CodeSystems.CarePlanCategory, ecm ? CodeSystems.EcmCarePlan : CodeSystems.HealthActionPlan)],
            Subject = new ResourceReference(patient),
            Period = new Period { Start = Day(created) },
            Author = new ResourceReference(author),
            CareTeam = [new ResourceReference(careTeam)],
        };
        var services = CodeSystems.CoreServices.OrderBy(_ => _random.Next()).Take(3 + _random.Next(4));
        foreach (var service in services)
        {
            plan.Activity.Add(new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Code = new CodeableConcept(CodeSystems.CoreService, service),
                    Status = _random.Next(3) switch
                    {
                        0 => Hl7.Fhir.Model.CarePlan.CarePlanActivityStatus.NotStarted,
                        1 => Hl7.Fhir.Model.CarePlan.CarePlanActivityStatus.InProgress,
                        _ => Hl7.Fhir.Model.CarePlan.CarePlanActivityStatus.Completed,
                    },
                },
            });
        }

        return plan;
    }

    private Encounter InpatientStay(string patient, DateTimeOffset enrolled)
    {
        var admitted = enrolled.AddDays(_random.Next(1, 120)).AddHours(_random.Next(24));
        return new Encounter
        {
            Status = Encounter.EncounterStatus.Finished,
            Class = new Coding(CodeSystems.ActCode, _random.Next(3) == 0 ? "ACUTE" : "IMP"),
            Type = [new CodeableConcept("http://snomed.info/sct", _random.Next(2) == 0 ? "32485007" : "183452005")],
            Subject = new ResourceReference(patient),
            Period = new Period { Start = Instant(admitted), End = Instant(admitted.AddDays(_random.Next(2, 11))) },
        };
    }
}

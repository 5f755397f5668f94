using HealthHomes.Fhir.CareManagement.Calendar;
using HealthHomes.Fhir.CareManagement.Records;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.CareManagement.Engagement;

/// <summary>One dated piece of evidence: when, and which record ("Type/id").</summary>
internal readonly record struct Evidence(DateTimeOffset When, string Reference);

/// <summary>Which contact information an attempt found invalid: the phone (checklist 1) or the address (checklist 2).</summary>
internal enum ContactKind
{
    Phone,
    Address,
}

/// <summary>
/// A run of attempts that found the same kind of contact information invalid with no correction in between:
/// <see cref="First"/> started the checklist, <see cref="Latest"/> is the newest.
/// </summary>
internal sealed record InvalidContact(ContactKind Kind, OutreachAttempt First, OutreachAttempt Latest)
{
    public string Checklist => Kind == ContactKind.Phone ? ChecklistCodes.Checklist1 : ChecklistCodes.Checklist2;

    public string Rule => Kind == ContactKind.Phone ? RuleIds.KsCl1 : RuleIds.KsCl2;
}

/// <summary>
/// One enrollment's outreach as of an instant: the attempts made and the completed checklist steps dated on or before
/// it (later records are ignored), and the questions both the engagement status and the checklist deadline rules ask
/// of them: was the contact information found invalid and since corrected, when did checklist 3 start, which record did
/// a checklist step.
/// </summary>
internal sealed class OutreachTimeline
{
    public OutreachTimeline(MemberRecord record, Enrollment enrollment, DateTimeOffset asOf)
    {
        Record = record;
        Enrollment = enrollment;
        AsOf = asOf;
        Clock = ProgramClock.For(enrollment.Program);
        Attempts = [.. record.AttemptsOf(enrollment).Where(a => a.When <= asOf)];
        StepRecords = [.. record.ChecklistStepsOf(enrollment).Where(s => s.IsDone && s.When <= asOf)];
    }

    // The checklist rules and the engagement status ask the same steps of the same checklist start (an attempt, by reference).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Step, string Start), IReadOnlyList<Evidence>> _stepEvidence = new();

    public MemberRecord Record { get; }

    public Enrollment Enrollment { get; }

    public DateTimeOffset AsOf { get; }

    public ProgramClock Clock { get; }

    /// <summary>Attempts made on or before <see cref="AsOf"/>, in time order.</summary>
    public IReadOnlyList<OutreachAttempt> Attempts { get; }

    /// <summary>Completed checklist step records on or before <see cref="AsOf"/>, in time order.</summary>
    public IReadOnlyList<ChecklistStepRecord> StepRecords { get; }

    public OutreachAttempt? FirstContact => Attempts.FirstOrDefault(a => a.MadeMemberContact);

    public OutreachAttempt? LatestContact => Attempts.LastOrDefault(a => a.MadeMemberContact);

    /// <summary>A phone call: modality phone, or no modality and a phone number attempted.</summary>
    public static bool IsCall(OutreachAttempt attempt) =>
        attempt.Modality == ModalityCodes.Phone
        || (attempt.Modality is null && attempt.ContactPointAttempted is ContactPoint { System: ContactPoint.ContactPointSystem.Phone });

    /// <summary>Mail, alternate database lookup or pharmacy/provider contact: the checklists' alternate methods, not an attempt on the member's own contact details.</summary>
    public static bool IsAlternateMethod(OutreachAttempt attempt) =>
        attempt.Modality is ModalityCodes.Mail or ModalityCodes.AlternateDatabaseLookup or ModalityCodes.PharmacyOrProviderContact;

    /// <summary>
    /// A failed attempt on the member's contact details (checklist 3: "can't reach or leave message"): a direct attempt
    /// whose outcome says the member was not reached (no answer, voicemail left, unable to leave a message, reached
    /// someone else) without saying the number or address is wrong.
    /// </summary>
    public static bool IsFailedDirectAttempt(OutreachAttempt attempt) =>
        !IsAlternateMethod(attempt)
        && attempt.Outcome is OutcomeCodes.NoAnswer or OutcomeCodes.VoicemailLeft or OutcomeCodes.UnableToLeaveMessage or OutcomeCodes.ReachedOtherPerson;

    public static ContactKind? InvalidKind(string? outcome) =>
        OutcomeCodes.IsPhoneInvalid(outcome) ? ContactKind.Phone
        : OutcomeCodes.IsAddressInvalid(outcome) ? ContactKind.Address
        : null;

    /// <summary>
    /// The newest run of invalid-contact attempts not corrected by <paramref name="until"/> (the later of the phone and
    /// the address runs when both are open), or null when the contact information is not known to be invalid.
    /// </summary>
    public InvalidContact? UnresolvedInvalid(DateTimeOffset until)
    {
        InvalidContact? result = null;
        foreach (var kind in (ContactKind[])[ContactKind.Phone, ContactKind.Address])
        {
            var invalid = Attempts.Where(a => a.When <= until && InvalidKind(a.Outcome) == kind).ToList();
            if (invalid.Count == 0 || Correction(kind, invalid[^1], until) is not null)
            {
                continue;
            }

            if (result is null || invalid[^1].When > result.Latest.When)
            {
                result = new InvalidContact(kind, RunStart(kind, invalid[^1]), invalid[^1]);
            }
        }

        return result;
    }

    /// <summary>
    /// The first attempt of the run <paramref name="latest"/> belongs to: walking back over earlier attempts that found
    /// the same kind of information invalid while no correction lies between them.
    /// </summary>
    public OutreachAttempt RunStart(ContactKind kind, OutreachAttempt latest)
    {
        var earlier = Attempts.Where(a => a.When < latest.When && InvalidKind(a.Outcome) == kind).ToList();
        var first = latest;
        for (var i = earlier.Count - 1; i >= 0 && Correction(kind, earlier[i], first.When) is null; i--)
        {
            first = earlier[i];
        }

        return first;
    }

    /// <summary>
    /// The record showing that the information <paramref name="failed"/> found invalid was corrected after it and by
    /// <paramref name="until"/>, or null: a Patient.telecom (phone/sms) or Patient.address other than the one attempted
    /// whose period.start is after the attempt (a date-only start on or after the attempt's local date), or a later
    /// attempt on a different number/address that did not fail as invalid.
    /// </summary>
    public string? Correction(ContactKind kind, OutreachAttempt failed, DateTimeOffset until)
    {
        var patient = Record.Patient;
        IEnumerable<(Period? Period, DataType Value)> onFile = kind == ContactKind.Phone
            ? patient.Telecom.Where(t => t.System is ContactPoint.ContactPointSystem.Phone or ContactPoint.ContactPointSystem.Sms).Select(t => (t.Period, (DataType)t))
            : patient.Address.Select(a => (a.Period, (DataType)a));
        foreach (var (period, value) in onFile)
        {
            if (period?.Start is not { } startText || FhirValues.Instant(startText, Clock.Zone) is not { } start || start > until)
            {
                continue;
            }

            var newer = startText.Length <= 10 ? Clock.LocalDate(start) >= Clock.LocalDate(failed.When) : start > failed.When;
            if (newer && Differs(failed.ContactPointAttempted, value))
            {
                return Record.PatientReference;
            }
        }

        return Attempts.FirstOrDefault(a => a.When > failed.When && a.When <= until
                && (kind == ContactKind.Phone ? a.ContactPointAttempted is ContactPoint : a.ContactPointAttempted is Address)
                && Differs(failed.ContactPointAttempted, a.ContactPointAttempted)
                && InvalidKind(a.Outcome) != kind)
            ?.Reference;
    }

    /// <summary>The latest attempt (either kind) that found contact information invalid, on or before <paramref name="until"/>.</summary>
    public OutreachAttempt? LatestInvalid(DateTimeOffset until) =>
        Attempts.LastOrDefault(a => a.When <= until && InvalidKind(a.Outcome) is not null);

    /// <summary>
    /// The attempt that started checklist 3 as of <paramref name="until"/>: the first failed direct attempt after the
    /// latest invalid-contact attempt (the details are confirmed: none is open), before any contact was made; else null.
    /// </summary>
    public OutreachAttempt? Checklist3Start(DateTimeOffset until)
    {
        if (UnresolvedInvalid(until) is not null)
        {
            return null;
        }

        var lastInvalid = LatestInvalid(until);
        var start = Attempts.FirstOrDefault(a => a.When <= until && IsFailedDirectAttempt(a) && (lastInvalid is null || a.When > lastInvalid.When));
        return start is null || (FirstContact is { } contact && contact.When <= start.When) ? null : start;
    }

    /// <summary>The records that did <paramref name="step"/> of a checklist started by <paramref name="start"/>, oldest first.</summary>
    public IReadOnlyList<Evidence> StepEvidence(string step, OutreachAttempt start) =>
        _stepEvidence.GetOrAdd((step, start.Reference), _ => FindStepEvidence(step, start));

    private IReadOnlyList<Evidence> FindStepEvidence(string step, OutreachAttempt start)
    {
        var found = StepRecords.Where(s => s.Step == step && s.When >= start.When).Select(s => new Evidence(s.When, s.Reference))
            .Concat(Attempts.Where(a => a.When >= start.When && AttemptDoesStep(step, a, start)).Select(a => new Evidence(a.When, a.Reference)));
        return [.. found.OrderBy(e => e.When)];
    }

    /// <summary>
    /// Does an attempt by itself do a step: the early-morning/evening call and the follow-up call are judged by the
    /// call's own time (a daytime call labelled early-or-late-call does not count); the alternate methods by modality;
    /// ask-callback-timeframe by a callback-due output; any other step by the attempt's checklist-step input.
    /// </summary>
    private bool AttemptDoesStep(string step, OutreachAttempt attempt, OutreachAttempt start) => step switch
    {
        ChecklistStepCodes.EarlyOrLateCall =>
            attempt.When > start.When && IsCall(attempt) && Clock.Bucket(attempt.When) != TimeOfDayBucket.Daytime,
        ChecklistStepCodes.FollowUpCall7Days =>
            attempt.When > start.When && IsCall(attempt) && PreviousFailed(attempt, start) is { } previous
            && ProgramClock.DaysBetween(Clock.LocalDate(previous.When), Clock.LocalDate(attempt.When)) <= 7,
        ChecklistStepCodes.SendMailing => attempt.Modality == ModalityCodes.Mail || attempt.ChecklistStep == step,
        ChecklistStepCodes.CheckAlternateDatabase => attempt.Modality == ModalityCodes.AlternateDatabaseLookup || attempt.ChecklistStep == step,
        ChecklistStepCodes.ContactPharmacyOrProvider => attempt.Modality == ModalityCodes.PharmacyOrProviderContact || attempt.ChecklistStep == step,
        ChecklistStepCodes.AskCallbackTimeframe => attempt.CallbackDue is not null || attempt.ChecklistStep == step,
        _ => attempt.ChecklistStep == step,
    };

    /// <summary>The latest failed direct attempt before <paramref name="attempt"/>, from <paramref name="start"/> on.</summary>
    public OutreachAttempt? PreviousFailed(OutreachAttempt attempt, OutreachAttempt start) =>
        Attempts.LastOrDefault(a => a.When >= start.When && a.When < attempt.When && IsFailedDirectAttempt(a));

    private static bool Differs(DataType? failed, DataType? other) =>
        other is not null && (failed is null || Key(failed) != Key(other));

    private static string Key(DataType value) => value switch
    {
        ContactPoint point => new string([.. (point.Value ?? "").Where(char.IsAsciiDigit)]) is { Length: > 0 } digits ? digits : (point.Value ?? "").Trim(),
        Address address => string.Join('|', [.. address.Line, address.City ?? "", address.PostalCode ?? ""]).ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal),
        _ => "",
    };
}

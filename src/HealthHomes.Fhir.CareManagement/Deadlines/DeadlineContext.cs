using HealthHomes.Fhir.CareManagement.Calendar;

namespace HealthHomes.Fhir.CareManagement.Deadlines;

/// <summary>What every rule is evaluated with: the "as of" instant (no hidden clock), the settings, and per program its clock and working-day calendar.</summary>
public sealed class DeadlineContext(EvaluationMoment moment, CareManagementSettings settings, Func<CareProgram, IBusinessCalendar> calendars, CareProgram? program = null)
{
    /// <summary>An evaluation as of an exact instant (the same in every program).</summary>
    public DeadlineContext(DateTimeOffset asOf, CareManagementSettings settings, Func<CareProgram, IBusinessCalendar> calendars)
        : this(EvaluationMoment.At(asOf), settings, calendars)
    {
    }

    /// <summary>What the evaluation is as of: an instant, or a calendar day read in each program's zone.</summary>
    public EvaluationMoment Moment { get; } = moment;

    /// <summary>The program this context judges in (see <see cref="For"/>); null before a program is chosen.</summary>
    public CareProgram? Program { get; } = program;

    /// <summary>
    /// The instant the evaluation is as of, in <see cref="Program"/>'s terms. A calendar-day moment has no instant until
    /// a program is chosen: rules and evaluators get a context bound to theirs (<see cref="For"/>).
    /// </summary>
    public DateTimeOffset AsOf => Program is { } bound ? Moment.In(bound)
        : Moment.Instant ?? throw new InvalidOperationException("A calendar-day asOf has no instant before a program is chosen: use DeadlineContext.For(program).");

    /// <summary>This evaluation, judged in <paramref name="program"/>'s zone.</summary>
    public DeadlineContext For(CareProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return program == Program ? this : new DeadlineContext(Moment, Settings, calendars, program);
    }

    public CareManagementSettings Settings { get; } = settings;

    public IBusinessCalendar CalendarFor(CareProgram program) => calendars(program);

    public static ProgramClock ClockFor(CareProgram program) => ProgramClock.For(program);

    /// <summary>
    /// Judges one rule instance: met when the end evidence is on or before the due instant, met-late when after it;
    /// without end evidence, missed once the due instant has passed as of <see cref="AsOf"/>, at-risk when due within
    /// <see cref="CareManagementSettings.AtRiskDays"/> local days, else pending. Days remaining count local dates in the
    /// program's zone (negative when overdue); the due instant is given in the program's offset.
    /// </summary>
    public DeadlineResult Judge(
        CareProgram program,
        IReadOnlyList<string> rules,
        string subject,
        DateTimeOffset start,
        DateTimeOffset due,
        DateTimeOffset? completed,
        IReadOnlyList<string> startEvidence,
        IReadOnlyList<string> endEvidence,
        RuleSeverity severity,
        string? explanation = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        var clock = ClockFor(program);
        var localDue = clock.Local(due);
        var asOf = Moment.In(program);
        if (completed is { } done && done <= asOf)
        {
            var state = done <= due ? ComplianceState.Met : ComplianceState.MetLate;
            return new DeadlineResult(rules, subject, state, clock.Local(start), localDue, clock.Local(done), startEvidence, endEvidence, severity, null, explanation);
        }

        var daysRemaining = ProgramClock.DaysBetween(clock.LocalDate(asOf), clock.LocalDate(due));
        var pendingState = asOf > due ? ComplianceState.Missed
            : daysRemaining <= Settings.AtRiskDays ? ComplianceState.AtRisk
            : ComplianceState.Pending;
        return new DeadlineResult(rules, subject, pendingState, clock.Local(start), localDue, null, startEvidence, [], severity, daysRemaining, explanation);
    }

    /// <summary>A rule that does not apply to this subject (e.g. no discharge on record), with why.</summary>
    public static DeadlineResult NotApplicable(IReadOnlyList<string> rules, string subject, RuleSeverity severity, string explanation) =>
        new(rules, subject, ComplianceState.NotApplicable, null, null, null, [], [], severity, null, explanation);
}

/// <summary>
/// One rule of docs/domain/README.md#index-of-rule-ids (or a pair of rules bounding one deadline), evaluated over one
/// member's record: the rule finds its own clock starts (an enrollment, a discharge, a referral...) and returns one
/// result per rule instance.
/// </summary>
public interface IDeadlineRule
{
    /// <summary>The rule IDs this class implements.</summary>
    IReadOnlyList<string> RuleIds { get; }

    /// <summary>The rule instances in this member's record as of <see cref="DeadlineContext.AsOf"/> (none when nothing starts its clock).</summary>
    IEnumerable<DeadlineResult> Evaluate(Records.MemberRecord record, DeadlineContext context);
}

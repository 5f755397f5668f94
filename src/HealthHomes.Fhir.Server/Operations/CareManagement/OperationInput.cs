using HealthHomes.Fhir.CareManagement.Calendar;
using System.Globalization;
using HealthHomes.Fhir.CareManagement;
using HealthHomes.Fhir.Server.Rest;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Operations.CareManagement;

/// <summary>
/// The input parameters of a program operation, from the query string (GET) or a Parameters body (POST), checked
/// against the names the operation declares: an unknown name, a repeated single-valued one or a malformed value is a
/// 400 naming the parameter. Presentation parameters (_format, _pretty, _summary, _elements) pass through.
/// </summary>
public sealed class OperationInput
{
    private static readonly HashSet<string> Presentation = ["_format", "_pretty", "_summary", "_elements"];

    private readonly string _operation;
    private readonly List<KeyValuePair<string, DataType>> _values = [];

    private OperationInput(string operation) => _operation = operation;

    public static OperationInput Bind(FhirRequest request, string operation, IReadOnlySet<string> declared)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(declared);
        var input = new OperationInput(operation);
        foreach (var (name, value) in request.Query)
        {
            if (Presentation.Contains(name))
            {
                continue;
            }

            input.Add(name, new FhirString(value), declared);
        }

        if (request.Body is Parameters body)
        {
            foreach (var parameter in body.Parameter)
            {
                input.Add(parameter.Name ?? "", parameter.Value ?? throw FhirRequestException.BadRequest($"${operation}: parameter '{parameter.Name}' has no value.", "Parameters.parameter.value"), declared);
            }
        }
        else if (request.Body is not null)
        {
            throw FhirRequestException.BadRequest($"${operation} takes a Parameters resource, not a {request.Body.TypeName}.", "resourceType");
        }

        return input;
    }

    private void Add(string name, DataType value, IReadOnlySet<string> declared)
    {
        if (!declared.Contains(name))
        {
            throw FhirRequestException.BadRequest($"${_operation} has no parameter '{name}' (it takes {string.Join(", ", declared.Order(StringComparer.Ordinal))}).", name);
        }

        _values.Add(new(name, value));
    }

    public IReadOnlyList<string> Strings(string name) =>
        [.. _values.Where(v => v.Key == name).Select(v => (v.Value as PrimitiveType)?.ToString() ?? (v.Value as ResourceReference)?.Reference ?? "")];

    public string? String(string name)
    {
        var all = Strings(name);
        return all.Count switch
        {
            0 => null,
            1 => all[0],
            _ => throw FhirRequestException.BadRequest($"${_operation}: parameter '{name}' may appear once.", name),
        };
    }

    /// <summary>
    /// The first and last day the program rules evaluate at or over (asOf, a report period). Outside them a date is a
    /// 400 naming the parameter: the rules add months and business days to it, and near year 9999 that overflows the
    /// calendar. The due-window filters (dueFrom, dueTo) only compare, and take any instant.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <inheritdoc cref="EarliestDate"/>
    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    /// <summary>
    /// asOf (default now): what the operation evaluates as of. A dateTime is that instant (without an offset it is read
    /// as UTC); a bare date (yyyy-MM-dd) is that calendar day, which each program reads as the first instant of the day
    /// in its own zone (<see cref="EvaluationMoment"/>). Its date must lie in <see cref="EarliestDate"/>..<see cref="LatestDate"/>.
    /// In a write, "now" is the one its <see cref="WriteRehearsal"/> read, so the rehearsal and the real run write alike.
    /// </summary>
    public EvaluationMoment AsOf(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (String("asOf") is { Length: 10 } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return IsEvaluable(day) ? EvaluationMoment.OnDay(day) : throw NotEvaluable("asOf", text);
        }

        if (Instant("asOf") is not { } asOf)
        {
            return EvaluationMoment.At(WriteRehearsal.Current?.Now(time) ?? time.GetUtcNow());
        }

        return IsEvaluable(DateOnly.FromDateTime(asOf.DateTime)) ? EvaluationMoment.At(asOf) : throw NotEvaluable("asOf", String("asOf")!);
    }

    /// <summary>A FHIR dateTime (at least a full date) or null when not given; a malformed value, or one whose offset takes it outside the calendar (0001-9999 UTC), is a 400 naming the parameter.</summary>
    public DateTimeOffset? Instant(string name)
    {
        var value = String(name);
        if (value is null)
        {
            return null;
        }

        if (!FhirDateTime.IsValidValue(value) || value.Length < 10)
        {
            throw FhirRequestException.BadRequest($"${_operation}: '{name}' must be a FHIR dateTime (e.g. 2026-03-01 or 2026-03-01T09:00:00-06:00), not '{value}'.", name);
        }

        try
        {
            return value.Length == 10
                ? new DateTimeOffset(DateTime.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture), TimeSpan.Zero)
                : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            throw FhirRequestException.BadRequest($"${_operation}: '{name}' ({value}) is outside the calendar: with its offset it falls before 0001-01-01 or after 9999-12-31 UTC.", name);
        }
    }

    /// <summary>A FHIR date (yyyy-MM-dd) in <see cref="EarliestDate"/>..<see cref="LatestDate"/>, or null when not given; anything else is a 400 naming the parameter.</summary>
    public DateOnly? Date(string name)
    {
        var value = String(name);
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw FhirRequestException.BadRequest($"${_operation}: '{name}' must be a FHIR date (yyyy-MM-dd, e.g. 2026-03-01), not '{value}'.", name);
        }

        return IsEvaluable(day) ? day : throw NotEvaluable(name, value);
    }

    /// <summary>Whether the program rules can evaluate at or over <paramref name="day"/>.</summary>
    public static bool IsEvaluable(DateOnly day) => day >= EarliestDate && day <= LatestDate;

    /// <summary>400 naming <paramref name="name"/>: a date outside <see cref="EarliestDate"/>..<see cref="LatestDate"/>.</summary>
    public FhirRequestException NotEvaluable(string name, string value) =>
        FhirRequestException.BadRequest(
            $"${_operation}: '{name}' must lie between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd} (the dates the program rules evaluate over), not '{value}'.", name);

    /// <summary>A reference to an Organization ("Organization/id", or an absolute url ending in it), as "Organization/id"; null when not given; anything else is a 400.</summary>
    public string? OrganizationReference(string name)
    {
        var value = String(name);
        if (value is null)
        {
            return null;
        }

        var parts = value.Split('/');
        var at = Array.LastIndexOf(parts, "Organization");
        var valid = at >= 0 && at + 2 == parts.Length && FhirIds.IsValidId(parts[at + 1])
            && (at == 0 || Uri.TryCreate(string.Join('/', parts[..at]), UriKind.Absolute, out _));
        return valid
            ? "Organization/" + parts[at + 1]
            : throw FhirRequestException.BadRequest($"${_operation}: '{name}' must reference an Organization as Organization/[id], not '{value}'.", name);
    }

    /// <summary>program (code ks-hh | ecm), or null when not given; an unknown code is a 400.</summary>
    public CareProgram? Program()
    {
        var code = String("program");
        return code is null ? null
            : CareProgram.ForCode(code) ?? throw FhirRequestException.BadRequest($"${_operation}: unknown program '{code}' (known: {string.Join(", ", CareProgram.All.Select(p => p.Code))}).", "program");
    }

    public int? Integer(string name, int min, int max)
    {
        var value = String(name);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw FhirRequestException.BadRequest($"${_operation}: '{name}' must be an integer from {min} to {max}, not '{value}'.", name);
    }

    public bool? Boolean(string name)
    {
        var value = String(name);
        return value switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw FhirRequestException.BadRequest($"${_operation}: '{name}' must be true or false, not '{value}'.", name),
        };
    }
}

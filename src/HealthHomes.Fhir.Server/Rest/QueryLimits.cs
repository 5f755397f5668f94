using System.Net;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>
/// The bounds on what a query string or a POSTed search form may carry (<see cref="FhirServerOptions.MaxQueryParameters"/>,
/// <see cref="FhirServerOptions.MaxQueryValueLength"/>): past them, 400 with an OperationOutcome before any search runs.
/// The same bounds are ASP.NET's form limits (<see cref="Microsoft.AspNetCore.Http.Features.FormOptions"/>), whose
/// <see cref="InvalidDataException"/> becomes the same 400.
/// </summary>
public static class QueryLimits
{
    /// <summary>The longest parameter name accepted (ASP.NET's default form key limit).</summary>
    public const int MaxNameLength = 2048;

    public static void Ensure(IReadOnlyList<KeyValuePair<string, string>> parameters, FhirServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        if (parameters.Count > options.MaxQueryParameters)
        {
            throw TooMany(options, $"{parameters.Count} parameters");
        }

        foreach (var (name, value) in parameters)
        {
            if (name.Length > MaxNameLength)
            {
                throw new FhirRequestException(HttpStatusCode.BadRequest, OperationOutcome.IssueType.TooLong,
                    $"A parameter name is {name.Length} characters long; the server accepts names of at most {MaxNameLength}.");
            }

            if (value.Length > options.MaxQueryValueLength)
            {
                throw new FhirRequestException(HttpStatusCode.BadRequest, OperationOutcome.IssueType.TooLong,
                    $"The value of '{name}' is {value.Length} characters long; the server accepts values of at most {options.MaxQueryValueLength} (FhirServer:MaxQueryValueLength).", name);
            }
        }
    }

    /// <summary>ASP.NET's form reader refused the form (too many values, a key or value too long).</summary>
    public static FhirRequestException FormRefused(InvalidDataException exception, FhirServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(options);
        return TooMany(options, $"the form ({exception.Message})");
    }

    private static FhirRequestException TooMany(FhirServerOptions options, string what) =>
        new(HttpStatusCode.BadRequest, OperationOutcome.IssueType.TooLong,
            $"The request carries {what} beyond the server's limits: at most {options.MaxQueryParameters} parameters (FhirServer:MaxQueryParameters), "
            + $"names of at most {MaxNameLength} characters and values of at most {options.MaxQueryValueLength} (FhirServer:MaxQueryValueLength). Split the search.");
}

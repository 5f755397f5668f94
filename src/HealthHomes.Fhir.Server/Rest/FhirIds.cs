using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Server.Rest;

/// <summary>Checks of the resource type and id in a URL or body: known R4 type, id of [A-Za-z0-9\-\.]{1,64}.</summary>
public static partial class FhirIds
{
    /// <summary>A new server-assigned id (replayed from the request's <see cref="WriteRehearsal"/> when there is one).</summary>
    public static string NewId() => WriteRehearsal.Current?.NextId() ?? Guid.NewGuid().ToString();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static void EnsureValidId(string id, string expression = "id")
    {
        if (!IsValidId(id))
        {
            throw FhirRequestException.BadRequest($"'{id}' is not a valid resource id: ids are 1-64 characters of A-Z, a-z, 0-9, '-' and '.'.", expression);
        }
    }

    public static void EnsureKnownType(string type)
    {
        if (!ModelInfo.IsKnownResource(type) || type is "Resource" or "DomainResource")
        {
            throw new FhirRequestException(System.Net.HttpStatusCode.NotFound, OperationOutcome.IssueType.NotSupported, $"'{type}' is not a FHIR R4 resource type this server supports.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

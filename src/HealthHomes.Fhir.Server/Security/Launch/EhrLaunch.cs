using System.Security.Cryptography;
using HealthHomes.Fhir.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace HealthHomes.Fhir.Server.Security.Launch;

/// <summary>
/// The EHR launch (https://hl7.org/fhir/smart-app-launch/app-launch.html#launch-app-ehr-launch): the EHR (or a care
/// management portal) asks this server for a launch context for one member (`POST /auth/launch`, `patient=<id>`, with a
/// token that may read that member) and opens the app with the returned `launch` value; the app's authorize request
/// carries it with the `launch` scope, and the member becomes the token's patient without the picker. The value is
/// opaque, protected by the server's Data Protection keys, and lives five minutes.
/// </summary>
public sealed class EhrLaunch(IDataProtectionProvider protection)
{
    public const string Path = "/auth/launch";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("HealthHomes.Fhir.Security.EhrLaunch").ToTimeLimitedDataProtector();

    /// <summary>The member of a launch value, or null when it is not one of this server's or has expired.</summary>
    public string? PatientOf(string? launch)
    {
        if (string.IsNullOrEmpty(launch))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(launch).Split('\n') is ["patient", var patient, _] ? patient : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>A new launch value for this member.</summary>
    public string Create(string patient)
        => _protector.Protect($"patient\n{patient}\n{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}", Lifetime);
}

/// <summary>POST /auth/launch: a launch context for one member, for a caller whose token may read that member.</summary>
public static class EhrLaunchEndpoint
{
    public static IEndpointRouteBuilder MapEhrLaunch(this IEndpointRouteBuilder app)
    {
        app.MapPost(EhrLaunch.Path, CreateAsync).RequireAuthorization().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, EhrLaunch launches, CallerResolution callers, IResourceStore store)
    {
        var caller = await callers.ResolveAsync(http).ConfigureAwait(false);
        caller.Ensure(FhirInteraction.Read, "Patient");
        var patient = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false))["patient"].ToString() : "";
        if (patient.Length == 0 || await store.ReadAsync("Patient", patient, caller.Access, http.RequestAborted).ConfigureAwait(false) is not { IsDeleted: false })
        {
            return Results.Json(new { error = "invalid_request", error_description = "patient names no member this token may read." }, statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Json(new { launch = launches.Create(patient), expires_in = (int)EhrLaunch.Lifetime.TotalSeconds });
    }
}

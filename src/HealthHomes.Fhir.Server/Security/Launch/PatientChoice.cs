using Microsoft.AspNetCore.DataProtection;

namespace HealthHomes.Fhir.Server.Security.Launch;

/// <summary>
/// The patient a signed-in user picked for a standalone launch, kept for ten minutes in a protected cookie that only
/// this server can write (an app cannot name the patient itself), bound to the user who picked.
/// </summary>
public sealed class PatientChoice(IDataProtectionProvider protection)
{
    private const string Cookie = "hh.patient";

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("HealthHomes.Fhir.Security.PatientChoice").ToTimeLimitedDataProtector();

    public void Remember(HttpContext http, string userName, string patientId)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Append(Cookie, _protector.Protect($"{userName}\n{patientId}", TimeSpan.FromMinutes(10)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Path = "/auth",
            Secure = http.Request.IsHttps,
        });
    }

    /// <summary>The patient this user picked, or null (none, expired, or picked by someone else).</summary>
    public string? Read(HttpContext http, string userName)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies[Cookie] is not { } value)
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(value).Split('\n') is [var who, var patient] && who == userName ? patient : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public static void Forget(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/auth" });
    }
}

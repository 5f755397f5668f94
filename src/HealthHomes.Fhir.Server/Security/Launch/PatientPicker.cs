using System.Text;
using HealthHomes.Fhir.Storage;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Security.Launch;

/// <summary>
/// The patient picker of a standalone launch (launch/patient) for staff: the members the signed-in user may see (the
/// same confinement as their user/ scopes), optionally filtered by name; the choice goes into <see cref="PatientChoice"/>
/// and the browser returns to the authorize request.
/// </summary>
public static class PatientPicker
{
    public const string Path = "/auth/patient-picker";

    /// <summary>How many members the picker lists at once (a name filter narrows a longer list).</summary>
    private const int Shown = 50;

    public static IEndpointRouteBuilder MapPatientPicker(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ShowAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Path, ChooseAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext http, IAntiforgery antiforgery, IOptions<SecurityOptions> options, CallerResolution callers, IResourceStore store, string? authorize, string? name)
    {
        if (await SignedInUserAsync(http, options).ConfigureAwait(false) is not { } user || !LaunchPage.IsAuthorizeReturn(authorize))
        {
            return Results.BadRequest("Open the picker from an authorize request, signed in.");
        }

        var served = await callers.MembersServedByAsync(user.FhirUser, http.RequestAborted).ConfigureAwait(false);
        List<KeyValuePair<string, string>> search = [new("_count", Shown.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("_sort", "family")];
        if (!string.IsNullOrWhiteSpace(name))
        {
            search.Add(new("name", name));
        }

        var found = await store.SearchAsync(new SearchRequest("Patient", search), new AccessFilter { Members = served }, http.RequestAborted).ConfigureAwait(false);
        var rows = new StringBuilder();
        foreach (var patient in found.Matches.Select(m => m.Json).OfType<string>().Select(Rest.Formats.FhirSerialization.ParseStored).OfType<Patient>())
        {
            var label = $"{string.Join(" ", patient.Name.FirstOrDefault()?.Given ?? [])} {patient.Name.FirstOrDefault()?.Family} ({patient.BirthDate ?? "birth date unknown"}, {patient.Id})";
            rows.Append($"""<label><input type="radio" name="patient" value="{LaunchPage.Encode(patient.Id)}" required> {LaunchPage.Encode(label.Trim())}</label>""");
        }

        return LaunchPage.Form(http, antiforgery, "Choose the member", Path, $"""
            <input type="hidden" name="authorize" value="{LaunchPage.Encode(authorize)}">
            {(rows.Length == 0 ? "<p>No member you serve matches.</p>" : rows.ToString())}
            <button type="submit">Continue</button>
            """);
    }

    private static async Task<IResult> ChooseAsync(HttpContext http, IAntiforgery antiforgery, IOptions<SecurityOptions> options, CallerResolution callers, IResourceStore store, PatientChoice choices)
    {
        if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return Results.BadRequest("The picker form expired; reload the page.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var authorize = form["authorize"].ToString();
        var patientId = form["patient"].ToString();
        if (await SignedInUserAsync(http, options).ConfigureAwait(false) is not { } user || !LaunchPage.IsAuthorizeReturn(authorize))
        {
            return Results.BadRequest("Open the picker from an authorize request, signed in.");
        }

        var served = await callers.MembersServedByAsync(user.FhirUser, http.RequestAborted).ConfigureAwait(false);
        if (patientId.Length == 0 || await store.ReadAsync("Patient", patientId, new AccessFilter { Members = served }, http.RequestAborted).ConfigureAwait(false) is not { IsDeleted: false })
        {
            return Results.BadRequest("Choose one of the members listed.");
        }

        choices.Remember(http, user.UserName, patientId);
        return Results.Redirect(authorize);
    }

    /// <summary>The user signed in at <see cref="LoginPage"/>, with their registration.</summary>
    internal static async Task<(string UserName, string FhirUser)?> SignedInUserAsync(HttpContext http, IOptions<SecurityOptions> options)
    {
        var login = await http.AuthenticateAsync(LoginPage.Scheme).ConfigureAwait(false);
        return login.Succeeded && login.Principal?.Identity?.Name is { } userName && options.Value.Users.TryGetValue(userName, out var user)
            ? (userName, user.FhirUser)
            : null;
    }
}

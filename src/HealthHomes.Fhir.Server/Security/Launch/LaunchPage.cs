using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace HealthHomes.Fhir.Server.Security.Launch;

/// <summary>The minimal server-rendered pages of the App Launch (sign-in, patient picker): plain HTML forms, every value encoded.</summary>
internal static class LaunchPage
{
    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    /// <summary>A page with one form posting to <paramref name="action"/>, carrying the antiforgery token.</summary>
    public static IResult Form(HttpContext http, IAntiforgery antiforgery, string title, string action, string fields, string? message = null, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var error = message is null ? "" : $"<p class=\"error\">{Encode(message)}</p>";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{Encode(title)}} - HealthHomes.Fhir</title>
            <style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto}label{display:block;margin:.5rem 0}.error{color:#a00}</style></head>
            <body><h1>{{Encode(title)}}</h1>{{error}}
            <form method="post" action="{{Encode(action)}}">
            <input type="hidden" name="{{Encode(tokens.FormFieldName)}}" value="{{Encode(tokens.RequestToken)}}">
            {{fields}}
            </form></body></html>
            """;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Frame-Options"] = "DENY";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>Only a path on this server's authorize endpoint may be returned to after a page (never another site).</summary>
    public static bool IsAuthorizeReturn(string? url)
        => url is not null && url.StartsWith(AuthorizeEndpoint.Path + "?", StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal);
}

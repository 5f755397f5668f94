using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HealthHomes.Fhir.Server.Security.Launch;

/// <summary>
/// The sign-in page of the App Launch: a user of Security:Users signs in (password hash checked with ASP.NET Core
/// Identity's PasswordHasher) and gets a 30-minute cookie for /auth only, then returns to the authorize request.
/// </summary>
public static class LoginPage
{
    public const string Path = "/auth/login";
    public const string Scheme = "smart-login";

    private static readonly PasswordHasher<RegisteredUser> Hasher = new();

    public static IEndpointRouteBuilder MapLoginPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) => Show(http, antiforgery, returnUrl, null))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Path, SignInAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static IResult Show(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? message, int status = StatusCodes.Status200OK)
        => LaunchPage.Form(http, antiforgery, "Sign in", Path, $"""
            <input type="hidden" name="returnUrl" value="{LaunchPage.Encode(returnUrl)}">
            <label>User name <input name="userName" autocomplete="username" required></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">Sign in</button>
            """, message, status);

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, IOptions<SecurityOptions> options)
    {
        if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return Results.BadRequest("The sign-in form expired; reload the page.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var userName = form["userName"].ToString();
        var returnUrl = form["returnUrl"].ToString();
        if (!options.Value.Users.TryGetValue(userName, out var user) || !PasswordMatches(user, form["password"].ToString()))
        {
            return Show(http, antiforgery, returnUrl, "The user name or password is not right.", StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        return Results.Redirect(LaunchPage.IsAuthorizeReturn(returnUrl) ? returnUrl : "/");
    }

    private static bool PasswordMatches(RegisteredUser user, string password)
    {
        if (user.PasswordHash is { Length: > 0 } hash)
        {
            return Hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;
        }

        return user.Password is { Length: > 0 } plain
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(plain), Encoding.UTF8.GetBytes(password));
    }
}

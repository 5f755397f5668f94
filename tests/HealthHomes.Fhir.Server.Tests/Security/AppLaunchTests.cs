using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HealthHomes.Fhir.Testing;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.Tokens;
using Task = System.Threading.Tasks.Task;

namespace HealthHomes.Fhir.Server.Tests.Security;

/// <summary>
/// A full SMART standalone launch through HTTP, as a browser and an app would do it: authorize -> sign in -> (staff)
/// pick the member -> code -> token with PKCE -> read the member's CarePlan, also with Firely's FhirClient; refresh
/// tokens; and the launch's refusals (plain PKCE, no PKCE, a wrong aud, a wrong password, a reused code, a wrong
/// verifier, a member the user does not serve).
/// </summary>
public sealed partial class AppLaunchTests(AppLaunchTests.Server server) : IClassFixture<AppLaunchTests.Server>
{
    private const string Callback = "https://app.example.org/callback";
    private const string AppScopes = "openid fhirUser launch/patient offline_access patient/*.rs";

    public sealed class Server : FhirServerFactory
    {
        private readonly Lazy<bool> _seeded;

        public Server() => _seeded = new(Seed);

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Security:Clients:care-app:Public", "true"),
            new("Security:Clients:care-app:RedirectUris:0", Callback),
            new("Security:Clients:care-app:Scopes", "openid fhirUser launch launch/patient offline_access patient/*.rs user/*.rs"),
            new("Security:Users:coordinator1:FhirUser", "Practitioner/pr1"),
            new("Security:Users:coordinator1:Password", "pw-coordinator"),
            new("Security:Users:earleen:FhirUser", "Patient/m1"),
            new("Security:Users:earleen:PasswordHash", new Microsoft.AspNetCore.Identity.PasswordHasher<object>().HashPassword(new object(), "pw-earleen")),
        ];

        public void EnsureSeeded() => _ = _seeded.Value;

        private bool Seed()
        {
            using var client = CreateFhirClient();
            FhirHttp.PutAll(client,
            [
                """{"resourceType":"Organization","id":"hhp1","name":"Partner 1"}""",
                """{"resourceType":"Organization","id":"hhp2","name":"Partner 2"}""",
                """{"resourceType":"Practitioner","id":"pr1"}""",
                """{"resourceType":"PractitionerRole","id":"role1","active":true,"practitioner":{"reference":"Practitioner/pr1"},"organization":{"reference":"Organization/hhp1"}}""",
                """{"resourceType":"Patient","id":"m1","name":[{"family":"Whitehorse","given":["Earleen"]}]}""",
                """{"resourceType":"Patient","id":"m2","name":[{"family":"Reyes","given":["Samuel"]}]}""",
                """{"resourceType":"EpisodeOfCare","id":"e1","status":"active","patient":{"reference":"Patient/m1"},"managingOrganization":{"reference":"Organization/hhp1"}}""",
                """{"resourceType":"EpisodeOfCare","id":"e2","status":"active","patient":{"reference":"Patient/m2"},"managingOrganization":{"reference":"Organization/hhp2"}}""",
                """{"resourceType":"CarePlan","id":"hap1","status":"active","intent":"plan","title":"Health Action Plan","subject":{"reference":"Patient/m1"}}""",
                """{"resourceType":"CarePlan","id":"hap2","status":"active","intent":"plan","title":"Health Action Plan","subject":{"reference":"Patient/m2"}}""",
            ]);

            return true;
        }
    }

    [Fact]
    public async Task A_coordinator_launches_picks_a_member_and_reads_her_care_plan()
    {
        using var browser = Browser();
        var verifier = Verifier();
        var login = await GetAsync(browser, Authorize(verifier, "s1"));
        Assert.StartsWith("/auth/login", login.ToString(), StringComparison.Ordinal);

        var picker = await SignInAsync(browser, login, "coordinator1", "pw-coordinator");
        Assert.StartsWith("/auth/patient-picker", picker.ToString(), StringComparison.Ordinal);
        var page = await browser.GetStringAsync(new Uri(server.Server.BaseAddress, picker));
        Assert.Contains("value=\"m1\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"m2\"", page, StringComparison.Ordinal);

        var back = await PostFormAsync(browser, "/auth/patient-picker", page, new() { ["authorize"] = Field(page, "authorize"), ["patient"] = "m1" });
        var callback = await GetAsync(browser, back.ToString());
        Assert.StartsWith(Callback, callback.ToString(), StringComparison.Ordinal);
        Assert.Contains("state=s1", callback.Query, StringComparison.Ordinal);

        var tokens = await ExchangeAsync(browser, Code(callback), verifier);
        Assert.Equal("m1", tokens.GetProperty("patient").GetString());
        Assert.Contains("patient/*.rs", tokens.GetProperty("scope").GetString(), StringComparison.Ordinal);
        Assert.True(tokens.TryGetProperty("id_token", out _), "openid asked: an id_token");
        Assert.True(tokens.TryGetProperty("refresh_token", out _), "offline_access asked: a refresh token");

        using var app = server.CreateClientWithToken(tokens.GetProperty("access_token").GetString()!);
        var plans = await (await app.SendAsync(HttpMethod.Get, "CarePlan")).ReadAsync<Bundle>();
        Assert.Equal(["hap1"], plans.Entry.Select(e => e.Resource!.Id));
        using var other = await app.SendAsync(HttpMethod.Get, "Patient/m2");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        // Firely's FhirClient, as a SMART app would use it, with the same token.
        using var fhir = new FhirClient("http://localhost/fhir", app, new FhirClientSettings { PreferredFormat = ResourceFormat.Json });
        var plan = await fhir.ReadAsync<CarePlan>("CarePlan/hap1");
        Assert.Equal("Patient/m1", plan!.Subject.Reference);
        await Assert.ThrowsAsync<FhirOperationException>(() => fhir.ReadAsync<CarePlan>("CarePlan/hap2"));

        // The refresh token gets a new access token with the same context.
        using var refresh = await browser.PostAsync(new Uri("/auth/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
            ["client_id"] = "care-app",
        }));
        var refreshed = JsonDocument.Parse(await refresh.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("m1", refreshed.GetProperty("patient").GetString());
        using var again = server.CreateClientWithToken(refreshed.GetProperty("access_token").GetString()!);
        using var read = await again.SendAsync(HttpMethod.Get, "CarePlan/hap1");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task A_member_signs_in_and_is_her_own_patient()
    {
        using var browser = Browser();
        var verifier = Verifier();
        var login = await GetAsync(browser, Authorize(verifier, "s2", "openid fhirUser launch/patient patient/*.rs user/*.rs"));
        var callback = await SignInAsync(browser, login, "earleen", "pw-earleen");
        Assert.StartsWith(Callback, callback.ToString(), StringComparison.Ordinal);

        var tokens = await ExchangeAsync(browser, Code(callback), verifier);
        Assert.Equal("m1", tokens.GetProperty("patient").GetString());
        Assert.DoesNotContain("user/", tokens.GetProperty("scope").GetString(), StringComparison.Ordinal);
        var idToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens.GetProperty("id_token").GetString());
        Assert.Equal("Patient/m1", idToken.GetClaim("fhirUser").Value);
    }

    [Theory]
    [InlineData("m1", true)]
    [InlineData("m2", false)]
    [InlineData(null, false)]
    public async Task An_EHR_launch_brings_its_member_if_the_user_serves_them(string? member, bool launched)
    {
        server.EnsureSeeded();
        string launch;
        if (member is null)
        {
            launch = "forged-launch-value";
        }
        else
        {
            using var ehr = server.CreateFhirClient();
            using var created = await ehr.PostAsync(new Uri("http://localhost/auth/launch"), new FormUrlEncodedContent(new Dictionary<string, string> { ["patient"] = member }));
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            launch = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("launch").GetString()!;
        }

        using var browser = Browser();
        var verifier = Verifier();
        var login = await GetAsync(browser, Authorize(verifier, "s7", "launch openid fhirUser patient/*.rs") + "&launch=" + Uri.EscapeDataString(launch));
        var callback = await SignInAsync(browser, login, "coordinator1", "pw-coordinator");
        Assert.StartsWith(Callback, callback.ToString(), StringComparison.Ordinal);
        if (!launched)
        {
            Assert.Contains("error=access_denied", callback.Query, StringComparison.Ordinal);
            Assert.DoesNotContain("code=", callback.Query, StringComparison.Ordinal);
            return;
        }

        var tokens = await ExchangeAsync(browser, Code(callback), verifier);
        Assert.Equal(member, tokens.GetProperty("patient").GetString());
    }

    [Fact]
    public async Task A_launch_context_is_only_for_a_member_the_caller_may_read()
    {
        using var ehr = server.CreateClientWithToken(MintedTokens.Create(server, "user/*.rs", fhirUser: "Practitioner/pr1"));
        server.EnsureSeeded();
        using var refused = await ehr.PostAsync(new Uri("http://localhost/auth/launch"), new FormUrlEncodedContent(new Dictionary<string, string> { ["patient"] = "m2" }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var anonymous = server.CreateAnonymousClient();
        using var unauthorized = await anonymous.PostAsync(new Uri("http://localhost/auth/launch"), new FormUrlEncodedContent(new Dictionary<string, string> { ["patient"] = "m1" }));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    public static TheoryData<string> RefusedAuthorizeRequests => new() { "plain", "no-pkce", "wrong-aud", "unknown-redirect" };

    [Theory]
    [MemberData(nameof(RefusedAuthorizeRequests))]
    public async Task An_authorize_request_SMART_does_not_allow_gets_no_code(string kind)
    {
        using var browser = Browser();
        var verifier = Verifier();
        var url = kind switch
        {
            "plain" => Authorize(verifier, "s3").Replace("code_challenge_method=S256", "code_challenge_method=plain", StringComparison.Ordinal),
            "no-pkce" => Regex.Replace(Authorize(verifier, "s3"), "&code_challenge[^&]*", ""),
            "wrong-aud" => Authorize(verifier, "s3").Replace(Uri.EscapeDataString("http://localhost/fhir"), Uri.EscapeDataString("http://elsewhere.example.org/fhir"), StringComparison.Ordinal),
            "unknown-redirect" => Authorize(verifier, "s3").Replace(Uri.EscapeDataString(Callback), Uri.EscapeDataString("https://evil.example.org/cb"), StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var login = await GetAsync(browser, url, allowNonRedirect: true);
        var answer = login.IsAbsoluteUri || !login.ToString().StartsWith("/auth/login", StringComparison.Ordinal)
            ? login
            : await SignInAsync(browser, login, "coordinator1", "pw-coordinator");
        Assert.DoesNotContain("code=", answer.IsAbsoluteUri ? answer.Query : answer.ToString(), StringComparison.Ordinal);
        Assert.False(answer.IsAbsoluteUri && answer.Host == "evil.example.org", "never redirected to an unregistered URI");
    }

    [Fact]
    public async Task A_wrong_password_signs_nobody_in()
    {
        using var browser = Browser();
        var login = await GetAsync(browser, Authorize(Verifier(), "s4"));
        var page = await browser.GetStringAsync(new Uri(server.Server.BaseAddress, login));
        using var response = await browser.PostAsync(new Uri("/auth/login", UriKind.Relative), Form(page, new() { ["returnUrl"] = Field(page, "returnUrl"), ["userName"] = "coordinator1", ["password"] = "wrong" }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var retry = await GetAsync(browser, Authorize(Verifier(), "s4"));
        Assert.StartsWith("/auth/login", retry.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reused")]
    [InlineData("wrong-verifier")]
    public async Task A_code_works_once_and_only_with_its_verifier(string kind)
    {
        using var browser = Browser();
        var verifier = Verifier();
        var login = await GetAsync(browser, Authorize(verifier, "s5", "openid fhirUser launch/patient patient/*.rs"));
        var callback = await SignInAsync(browser, login, "earleen", "pw-earleen");
        var code = Code(callback);
        if (kind == "reused")
        {
            _ = await ExchangeAsync(browser, code, verifier);
        }

        using var response = await browser.PostAsync(new Uri("/auth/token", UriKind.Relative), TokenForm(code, kind == "wrong-verifier" ? Verifier() : verifier));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_picker_refuses_a_member_the_user_does_not_serve()
    {
        using var browser = Browser();
        var login = await GetAsync(browser, Authorize(Verifier(), "s6"));
        var picker = await SignInAsync(browser, login, "coordinator1", "pw-coordinator");
        var page = await browser.GetStringAsync(new Uri(server.Server.BaseAddress, picker));
        using var response = await browser.PostAsync(new Uri("/auth/patient-picker", UriKind.Relative), Form(page, new() { ["authorize"] = Field(page, "authorize"), ["patient"] = "m2" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private HttpClient Browser()
    {
        server.EnsureSeeded();
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.BaseAddress = new Uri("http://localhost/");
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    private static string Verifier() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static string Authorize(string verifier, string state, string scope = AppScopes)
        => "/auth/authorize?" + string.Join('&', new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = "care-app",
            ["redirect_uri"] = Callback,
            ["scope"] = scope,
            ["state"] = state,
            ["aud"] = "http://localhost/fhir",
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>GETs a URL and returns where it redirects (relative to the server, or absolute to the app).</summary>
    private static async Task<Uri> GetAsync(HttpClient browser, string url, bool allowNonRedirect = false)
    {
        using var response = await browser.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
        {
            Assert.True(allowNonRedirect, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return new Uri("/answered/" + (int)response.StatusCode, UriKind.Relative);
        }

        return Local(response.Headers.Location!);
    }

    /// <summary>A redirect to this server as a relative URI; one to the app stays absolute.</summary>
    private static Uri Local(Uri location)
        => location.IsAbsoluteUri && location.Host == "localhost" ? new Uri(location.PathAndQuery, UriKind.Relative) : location;

    /// <summary>Signs in on the login page the authorize request sent us to; returns where the sign-in leads.</summary>
    private async Task<Uri> SignInAsync(HttpClient browser, Uri login, string userName, string password)
    {
        var page = await browser.GetStringAsync(new Uri(server.Server.BaseAddress, login));
        var next = await PostFormAsync(browser, "/auth/login", page, new() { ["returnUrl"] = Field(page, "returnUrl"), ["userName"] = userName, ["password"] = password });
        return await GetAsync(browser, next.ToString(), allowNonRedirect: true);
    }

    private static async Task<Uri> PostFormAsync(HttpClient browser, string action, string page, Dictionary<string, string> fields)
    {
        using var response = await browser.PostAsync(new Uri(action, UriKind.Relative), Form(page, fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Local(response.Headers.Location!);
    }

    private static FormUrlEncodedContent Form(string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Field(page, "__RequestVerificationToken");
        return new FormUrlEncodedContent(fields);
    }

    private static string Field(string page, string name)
        => System.Net.WebUtility.HtmlDecode(Regex.Match(page, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value);

    private static string Code(Uri callback)
        => Uri.UnescapeDataString(Regex.Match(callback.Query, "[?&]code=([^&]+)").Groups[1].Value);

    private static FormUrlEncodedContent TokenForm(string code, string verifier) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = Callback,
        ["client_id"] = "care-app",
        ["code_verifier"] = verifier,
    });

    private static async Task<JsonElement> ExchangeAsync(HttpClient browser, string code, string verifier)
    {
        using var response = await browser.PostAsync(new Uri("/auth/token", UriKind.Relative), TokenForm(code, verifier));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

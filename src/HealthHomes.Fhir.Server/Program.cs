using HealthHomes.Fhir.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddFhirServer(builder.Configuration);

var app = builder.Build();
app.UseFhirServer();
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"HealthHomes.Fhir serves FHIR R4 at {url}/fhir (try {url}/fhir/metadata; Swagger UI at {url}/swagger)");
    }
});
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

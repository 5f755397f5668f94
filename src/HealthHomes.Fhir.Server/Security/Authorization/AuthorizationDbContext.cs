using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HealthHomes.Fhir.Server.Security.Authorization;

/// <summary>
/// The embedded authorization server's tables in the server's own database file: OpenIddict's applications,
/// authorizations, scopes and tokens, and the client assertions already used (<see cref="ClientAssertionUse"/>).
/// Its migrations (Security/Authorization/Migrations) keep their own history table beside the FHIR schema's.
/// </summary>
public sealed class AuthorizationDbContext(DbContextOptions<AuthorizationDbContext> options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__AuthorizationMigrationsHistory";

    public DbSet<ClientAssertionUse> ClientAssertionUses => Set<ClientAssertionUse>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<ClientAssertionUse>(e =>
        {
            e.ToTable("ClientAssertionUse");
            e.HasKey(u => new { u.ClientId, u.Jti });
            e.HasIndex(u => u.ExpiresAt);
        });
    }

    /// <summary>The options for this database file (the FHIR store's connection string).</summary>
    public static void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(MigrationsHistoryTable));
        options.UseOpenIddict();
    }
}

/// <summary>A client assertion (private_key_jwt) already presented: its jti may not be used again before it expires.</summary>
public sealed class ClientAssertionUse
{
    public required string ClientId { get; set; }

    public required string Jti { get; set; }

    /// <summary>The assertion's exp, UTC ticks; the row can go once it has passed.</summary>
    public long ExpiresAt { get; set; }
}

/// <summary>Lets `dotnet ef migrations add --context AuthorizationDbContext` build the context without the host.</summary>
public sealed class AuthorizationDbContextDesignTimeFactory : IDesignTimeDbContextFactory<AuthorizationDbContext>
{
    public AuthorizationDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AuthorizationDbContext>();
        AuthorizationDbContext.Configure(options, "Data Source=design-time.db");
        return new AuthorizationDbContext(options.Options);
    }
}

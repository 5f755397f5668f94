using HealthHomes.Fhir.Storage.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HealthHomes.Fhir.Storage.Sqlite;

/// <summary>The SQLite flavour of the schema; its migrations live in Sqlite/Migrations.</summary>
public sealed class FhirSqliteContext(DbContextOptions<FhirSqliteContext> options) : FhirDbContext(options);

/// <summary>Lets `dotnet ef migrations add` build the context without the host.</summary>
public sealed class FhirSqliteContextDesignTimeFactory : IDesignTimeDbContextFactory<FhirSqliteContext>
{
    public FhirSqliteContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<FhirSqliteContext>().UseSqlite("Data Source=design-time.db").Options);
}

using HealthHomes.Fhir.Storage.Indexing;
using HealthHomes.Fhir.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HealthHomes.Fhir.Storage.Tests.Store;

/// <summary>
/// A database made before MemberLink migrates with its members' links: live resources from their Patient reference
/// rows, deleted ones from the references to a Patient in their last live version.
/// </summary>
public sealed class MemberLinkMigrationTests
{
    private const string BeforeMemberLink = "20261124101353_TypeKeyIndex";

    [Fact]
    public async Task Existing_resources_get_their_member_links_and_deleted_ones_stay_their_members()
    {
        var options = new StorageOptions { DataDirectory = Path.Combine(Path.GetTempPath(), $"member-link-migration-{Guid.NewGuid():N}") };
        Directory.CreateDirectory(options.DataDirectory);
        try
        {
            var connectionString = $"Data Source={options.DatabasePath};Pooling=False";
            await using (var context = new FhirSqliteContext(new DbContextOptionsBuilder<FhirSqliteContext>().UseSqlite(connectionString).Options))
            {
                await context.GetService<IMigrator>().MigrateAsync(BeforeMemberLink);
            }

            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync();
                await SeedAsync(connection);
            }

            var database = new SqliteDatabase(options);
            using var store = new SqliteResourceStore(database, await database.InitializeAsync(SearchParameterDefinitions.R4()));
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var links = connection.CreateCommand();
                links.CommandText = "SELECT r.LogicalId || ':' || m.PatientId FROM MemberLink m JOIN Resource r ON r.ResourceKey = m.ResourceKey ORDER BY 1";
                var rows = new List<string>();
                await using var reader = await links.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add(reader.GetString(0));
                }

                // live: its Patient reference rows; deleted: the last live version's references (history and absolute URL forms).
                Assert.Equal(["gone:a1", "gone:b1", "live:a1", "moved:b2"], rows);
            }

            var a1 = new AccessFilter { Members = new OneMember("a1") };
            var b2 = new AccessFilter { Members = new OneMember("b2") };
            Assert.NotNull(await store.VReadAsync("Observation", "live", 1, a1));
            Assert.NotNull(await store.VReadAsync("Observation", "moved", 1, b2));
            Assert.Null(await store.VReadAsync("Observation", "moved", 1, a1));
            Assert.Null(await store.VReadAsync("Observation", "gone", 1, a1));    // also about b1
            Assert.NotNull(await store.VReadAsync("Observation", "gone", 1, AccessFilter.Everything));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(options.DataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// live (references a1, indexed); gone (deleted; its last live version refers to a1 and, by absolute URL, b1);
    /// moved (deleted; version 1 referred to a1, version 2, its last live one, to b2).
    /// </summary>
    private static async Task SeedAsync(SqliteConnection connection)
    {
        const string Observation = """{"resourceType":"Observation","id":"{0}","subject":{"reference":"{1}"},"performer":[{"reference":"{2}"},{"display":"Patient/x"}]}""";
        var sql = $"""
            INSERT INTO Resource (ResourceKey, ResourceType, LogicalId, CurrentVersion, CurrentVersionKey, IsDeleted, LastUpdated) VALUES
              (1, 'Observation', 'live', 1, 1, 0, 1), (2, 'Observation', 'gone', 2, 3, 1, 1), (3, 'Observation', 'moved', 3, 6, 1, 1);
            INSERT INTO ResourceVersion (VersionKey, ResourceKey, ResourceType, LogicalId, Version, LastUpdated, IsDeleted, Change, Json) VALUES
              (1, 1, 'Observation', 'live', 1, 1, 0, 0, '{Format(Observation, "live", "Patient/a1", "Practitioner/pr1")}'),
              (2, 2, 'Observation', 'gone', 1, 1, 0, 0, '{Format(Observation, "gone", "Patient/a1/_history/3", "https://example.org/fhir/Patient/b1")}'),
              (3, 2, 'Observation', 'gone', 2, 2, 1, 2, NULL),
              (4, 3, 'Observation', 'moved', 1, 1, 0, 0, '{Format(Observation, "moved", "Patient/a1", "Practitioner/pr1")}'),
              (5, 3, 'Observation', 'moved', 2, 2, 0, 1, '{Format(Observation, "moved", "Patient/b2", "Group/g1")}'),
              (6, 3, 'Observation', 'moved', 3, 3, 1, 2, NULL);
            INSERT INTO ReferenceIndex (ResourceKey, SearchParameterId, TargetType, TargetId) VALUES
              (1, 1, 'Patient', 'a1'), (1, 2, 'Patient', 'a1'), (1, 3, 'Practitioner', 'pr1');
            """;
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string Format(string template, string id, string subject, string performer)
        => template.Replace("{0}", id, StringComparison.Ordinal).Replace("{1}", subject, StringComparison.Ordinal).Replace("{2}", performer, StringComparison.Ordinal);
}

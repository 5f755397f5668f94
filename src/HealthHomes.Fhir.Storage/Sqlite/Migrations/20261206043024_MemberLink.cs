using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthHomes.Fhir.Storage.Sqlite.Migrations
{
    /// <summary>
    /// MemberLink: the Patients each resource is about, for the member confinement (see Schema/MemberLinkRow.cs).
    /// Filled from the existing data: a live resource's links from its Patient reference rows; a deleted resource
    /// (whose index rows are gone) from the references to a Patient anywhere in its last live version's JSON
    /// ("Patient/1", "Patient/1/_history/2", "https://host/fhir/Patient/1"), a superset of the indexed ones: a
    /// deleted resource is never left looking like data about no member.
    /// </summary>
    public partial class MemberLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MemberLink",
                columns: table => new
                {
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    PatientId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberLink", x => new { x.ResourceKey, x.PatientId });
                });

            migrationBuilder.Sql(
                """
                INSERT OR IGNORE INTO MemberLink (ResourceKey, PatientId)
                SELECT DISTINCT ResourceKey, TargetId FROM ReferenceIndex
                WHERE TargetType = 'Patient' AND TargetId IS NOT NULL AND TargetId <> '';
                """);

            migrationBuilder.Sql(
                """
                WITH LastLive AS (
                    SELECT r.ResourceKey, v.Json FROM Resource r JOIN ResourceVersion v ON v.ResourceKey = r.ResourceKey
                    WHERE r.IsDeleted = 1 AND json_valid(v.Json)
                      AND v.Version = (SELECT MAX(w.Version) FROM ResourceVersion w WHERE w.ResourceKey = r.ResourceKey AND w.IsDeleted = 0)),
                Refs AS (
                    SELECT l.ResourceKey,
                           CASE WHEN j.value LIKE 'Patient/%' THEN substr(j.value, 9) ELSE substr(j.value, instr(j.value, '/Patient/') + 9) END AS Rest
                    FROM LastLive l, json_tree(l.Json) j
                    WHERE j.key = 'reference' AND j.type = 'text' AND (j.value LIKE 'Patient/%' OR j.value LIKE '%/Patient/%'))
                INSERT OR IGNORE INTO MemberLink (ResourceKey, PatientId)
                SELECT DISTINCT ResourceKey, CASE WHEN instr(Rest, '/') > 0 THEN substr(Rest, 1, instr(Rest, '/') - 1) ELSE Rest END
                FROM Refs WHERE Rest <> '' AND Rest NOT LIKE '/%';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MemberLink");
        }
    }
}

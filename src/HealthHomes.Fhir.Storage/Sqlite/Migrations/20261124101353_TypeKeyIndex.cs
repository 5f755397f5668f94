using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthHomes.Fhir.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TypeKeyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Resource_Type_Key",
                table: "Resource",
                columns: new[] { "ResourceType", "ResourceKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Resource_Type_Key",
                table: "Resource");
        }
    }
}

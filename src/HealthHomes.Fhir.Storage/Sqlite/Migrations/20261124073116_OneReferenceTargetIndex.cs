using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthHomes.Fhir.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OneReferenceTargetIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReferenceIndex_Param_Target",
                table: "ReferenceIndex");

            migrationBuilder.DropIndex(
                name: "IX_ReferenceIndex_Param_Url",
                table: "ReferenceIndex");

            migrationBuilder.DropIndex(
                name: "IX_ReferenceIndex_Target",
                table: "ReferenceIndex");

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceIndex_Param_Url_NotNull",
                table: "ReferenceIndex",
                columns: new[] { "SearchParameterId", "Url" },
                filter: "Url IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceIndex_Target_Type_Param",
                table: "ReferenceIndex",
                columns: new[] { "TargetId", "TargetType", "SearchParameterId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReferenceIndex_Param_Url_NotNull",
                table: "ReferenceIndex");

            migrationBuilder.DropIndex(
                name: "IX_ReferenceIndex_Target_Type_Param",
                table: "ReferenceIndex");

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceIndex_Param_Target",
                table: "ReferenceIndex",
                columns: new[] { "SearchParameterId", "TargetId", "TargetType" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceIndex_Param_Url",
                table: "ReferenceIndex",
                columns: new[] { "SearchParameterId", "Url" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceIndex_Target",
                table: "ReferenceIndex",
                columns: new[] { "TargetType", "TargetId" });
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HealthHomes.Fhir.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DateIndex",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: false),
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    SearchParameterId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DateIndex", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NumberIndex",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Low = table.Column<double>(type: "REAL", nullable: false),
                    High = table.Column<double>(type: "REAL", nullable: false),
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    SearchParameterId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NumberIndex", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuantityIndex",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    System = table.Column<string>(type: "TEXT", nullable: true),
                    Code = table.Column<string>(type: "TEXT", nullable: true),
                    Unit = table.Column<string>(type: "TEXT", nullable: true),
                    Low = table.Column<double>(type: "REAL", nullable: false),
                    High = table.Column<double>(type: "REAL", nullable: false),
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    SearchParameterId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuantityIndex", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReferenceIndex",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TargetType = table.Column<string>(type: "TEXT", nullable: true),
                    TargetId = table.Column<string>(type: "TEXT", nullable: true),
                    TargetVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Url = table.Column<string>(type: "TEXT", nullable: true),
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    SearchParameterId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceIndex", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Resource",
                columns: table => new
                {
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResourceType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LogicalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CurrentVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CurrentVersionKey = table.Column<long>(type: "INTEGER", nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastUpdated = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resource", x => x.ResourceKey);
                });

            migrationBuilder.CreateTable(
                name: "ResourceVersion",
                columns: table => new
                {
                    VersionKey = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ResourceType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LogicalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    LastUpdated = table.Column<long>(type: "INTEGER", nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Change = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResourceVersion", x => x.VersionKey);
                });

            migrationBuilder.CreateTable(
                name: "SearchParameter",
                columns: table => new
                {
                    SearchParameterId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResourceType = table.Column<string>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchParameter", x => x.SearchParameterId);
                });

            migrationBuilder.CreateTable(
                name: "StringIndex",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Normalized = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false),
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    SearchParameterId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StringIndex", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TokenIndex",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    System = table.Column<string>(type: "TEXT", nullable: true),
                    Code = table.Column<string>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", nullable: true),
                    IdentifierType = table.Column<string>(type: "TEXT", nullable: true),
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    SearchParameterId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TokenIndex", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UriIndex",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Uri = table.Column<string>(type: "TEXT", nullable: false),
                    ResourceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    SearchParameterId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UriIndex", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DateIndex_Param_End",
                table: "DateIndex",
                columns: new[] { "SearchParameterId", "End" });

            migrationBuilder.CreateIndex(
                name: "IX_DateIndex_Param_Start_End",
                table: "DateIndex",
                columns: new[] { "SearchParameterId", "Start", "End" });

            migrationBuilder.CreateIndex(
                name: "IX_DateIndex_Resource",
                table: "DateIndex",
                column: "ResourceKey");

            migrationBuilder.CreateIndex(
                name: "IX_NumberIndex_Param_Range",
                table: "NumberIndex",
                columns: new[] { "SearchParameterId", "Low", "High" });

            migrationBuilder.CreateIndex(
                name: "IX_NumberIndex_Resource",
                table: "NumberIndex",
                column: "ResourceKey");

            migrationBuilder.CreateIndex(
                name: "IX_QuantityIndex_Param_Code_Range",
                table: "QuantityIndex",
                columns: new[] { "SearchParameterId", "Code", "Low", "High" });

            migrationBuilder.CreateIndex(
                name: "IX_QuantityIndex_Resource",
                table: "QuantityIndex",
                column: "ResourceKey");

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceIndex_Param_Target",
                table: "ReferenceIndex",
                columns: new[] { "SearchParameterId", "TargetId", "TargetType" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceIndex_Param_Url",
                table: "ReferenceIndex",
                columns: new[] { "SearchParameterId", "Url" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceIndex_Resource",
                table: "ReferenceIndex",
                column: "ResourceKey");

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceIndex_Target",
                table: "ReferenceIndex",
                columns: new[] { "TargetType", "TargetId" });

            migrationBuilder.CreateIndex(
                name: "IX_Resource_Type_LastUpdated",
                table: "Resource",
                columns: new[] { "ResourceType", "LastUpdated" });

            migrationBuilder.CreateIndex(
                name: "UX_Resource_Type_Id",
                table: "Resource",
                columns: new[] { "ResourceType", "LogicalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResourceVersion_LastUpdated",
                table: "ResourceVersion",
                column: "LastUpdated");

            migrationBuilder.CreateIndex(
                name: "IX_ResourceVersion_Type_LastUpdated",
                table: "ResourceVersion",
                columns: new[] { "ResourceType", "LastUpdated" });

            migrationBuilder.CreateIndex(
                name: "UX_ResourceVersion_Resource_Version",
                table: "ResourceVersion",
                columns: new[] { "ResourceKey", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UX_SearchParameter_Type_Code",
                table: "SearchParameter",
                columns: new[] { "ResourceType", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StringIndex_Param_Normalized",
                table: "StringIndex",
                columns: new[] { "SearchParameterId", "Normalized" });

            migrationBuilder.CreateIndex(
                name: "IX_StringIndex_Resource",
                table: "StringIndex",
                column: "ResourceKey");

            migrationBuilder.CreateIndex(
                name: "IX_TokenIndex_Param_Code_System",
                table: "TokenIndex",
                columns: new[] { "SearchParameterId", "Code", "System" });

            migrationBuilder.CreateIndex(
                name: "IX_TokenIndex_Resource",
                table: "TokenIndex",
                column: "ResourceKey");

            migrationBuilder.CreateIndex(
                name: "IX_UriIndex_Param_Uri",
                table: "UriIndex",
                columns: new[] { "SearchParameterId", "Uri" });

            migrationBuilder.CreateIndex(
                name: "IX_UriIndex_Resource",
                table: "UriIndex",
                column: "ResourceKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DateIndex");

            migrationBuilder.DropTable(
                name: "NumberIndex");

            migrationBuilder.DropTable(
                name: "QuantityIndex");

            migrationBuilder.DropTable(
                name: "ReferenceIndex");

            migrationBuilder.DropTable(
                name: "Resource");

            migrationBuilder.DropTable(
                name: "ResourceVersion");

            migrationBuilder.DropTable(
                name: "SearchParameter");

            migrationBuilder.DropTable(
                name: "StringIndex");

            migrationBuilder.DropTable(
                name: "TokenIndex");

            migrationBuilder.DropTable(
                name: "UriIndex");
        }
    }
}

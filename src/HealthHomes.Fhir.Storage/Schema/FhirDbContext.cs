using Microsoft.EntityFrameworkCore;

namespace HealthHomes.Fhir.Storage.Schema;

/// <summary>
/// Owns the schema and its migrations. Hot paths (writes, reads, search) run SQL on the same connection; EF Core
/// decides what the tables and indexes are. Index names say what they serve and are never reused.
/// </summary>
public class FhirDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ResourceRow> Resources => Set<ResourceRow>();
    public DbSet<ResourceVersionRow> ResourceVersions => Set<ResourceVersionRow>();
    public DbSet<SearchParameterRow> SearchParameters => Set<SearchParameterRow>();
    public DbSet<TokenIndexRow> TokenIndex => Set<TokenIndexRow>();
    public DbSet<StringIndexRow> StringIndex => Set<StringIndexRow>();
    public DbSet<DateIndexRow> DateIndex => Set<DateIndexRow>();
    public DbSet<ReferenceIndexRow> ReferenceIndex => Set<ReferenceIndexRow>();
    public DbSet<NumberIndexRow> NumberIndex => Set<NumberIndexRow>();
    public DbSet<QuantityIndexRow> QuantityIndex => Set<QuantityIndexRow>();
    public DbSet<UriIndexRow> UriIndex => Set<UriIndexRow>();
    public DbSet<MemberLinkRow> MemberLinks => Set<MemberLinkRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<ResourceRow>(e =>
        {
            e.ToTable("Resource");
            e.HasKey(r => r.ResourceKey);
            e.Property(r => r.ResourceType).HasMaxLength(64);
            e.Property(r => r.LogicalId).HasMaxLength(64);
            e.HasIndex(r => new { r.ResourceType, r.LogicalId }).IsUnique().HasDatabaseName("UX_Resource_Type_Id");
            e.HasIndex(r => new { r.ResourceType, r.LastUpdated }).HasDatabaseName("IX_Resource_Type_LastUpdated");

            // A type in key order: paging through a type (GET Task?_count=..., a panel, bulk export) walks this index
            // from the cursor instead of sorting every resource of the type for each page.
            e.HasIndex(r => new { r.ResourceType, r.ResourceKey }).HasDatabaseName("IX_Resource_Type_Key");
        });

        modelBuilder.Entity<ResourceVersionRow>(e =>
        {
            e.ToTable("ResourceVersion");
            e.HasKey(v => v.VersionKey);
            e.Property(v => v.ResourceType).HasMaxLength(64);
            e.Property(v => v.LogicalId).HasMaxLength(64);
            e.HasIndex(v => new { v.ResourceKey, v.Version }).IsUnique().HasDatabaseName("UX_ResourceVersion_Resource_Version");
            e.HasIndex(v => new { v.ResourceType, v.LastUpdated }).HasDatabaseName("IX_ResourceVersion_Type_LastUpdated");
            e.HasIndex(v => v.LastUpdated).HasDatabaseName("IX_ResourceVersion_LastUpdated");
        });

        modelBuilder.Entity<SearchParameterRow>(e =>
        {
            e.ToTable("SearchParameter");
            e.HasKey(p => p.SearchParameterId);
            e.Property(p => p.SearchParameterId).ValueGeneratedNever();
            e.HasIndex(p => new { p.ResourceType, p.Code }).IsUnique().HasDatabaseName("UX_SearchParameter_Type_Code");
        });

        modelBuilder.Entity<TokenIndexRow>(e =>
        {
            e.ToTable("TokenIndex");
            e.HasIndex(t => new { t.SearchParameterId, t.Code, t.System }).HasDatabaseName("IX_TokenIndex_Param_Code_System");
            e.HasIndex(t => t.ResourceKey).HasDatabaseName("IX_TokenIndex_Resource");
        });
        modelBuilder.Entity<StringIndexRow>(e =>
        {
            e.ToTable("StringIndex");
            e.HasIndex(t => new { t.SearchParameterId, t.Normalized }).HasDatabaseName("IX_StringIndex_Param_Normalized");
            e.HasIndex(t => t.ResourceKey).HasDatabaseName("IX_StringIndex_Resource");
        });
        modelBuilder.Entity<DateIndexRow>(e =>
        {
            e.ToTable("DateIndex");
            e.HasIndex(t => new { t.SearchParameterId, t.Start, t.End }).HasDatabaseName("IX_DateIndex_Param_Start_End");
            e.HasIndex(t => new { t.SearchParameterId, t.End }).HasDatabaseName("IX_DateIndex_Param_End");
            e.HasIndex(t => t.ResourceKey).HasDatabaseName("IX_DateIndex_Resource");
        });
        modelBuilder.Entity<ReferenceIndexRow>(e =>
        {
            e.ToTable("ReferenceIndex");
            // One target index serves parameter searches (all three equal), the compartment filter, chains and
            // _revinclude (id and type): every extra index on this table costs each write random WAL pages.
            e.HasIndex(t => new { t.TargetId, t.TargetType, t.SearchParameterId }).HasDatabaseName("IX_ReferenceIndex_Target_Type_Param");
            e.HasIndex(t => new { t.SearchParameterId, t.Url }).HasDatabaseName("IX_ReferenceIndex_Param_Url_NotNull").HasFilter("Url IS NOT NULL");
            e.HasIndex(t => t.ResourceKey).HasDatabaseName("IX_ReferenceIndex_Resource");
        });
        modelBuilder.Entity<NumberIndexRow>(e =>
        {
            e.ToTable("NumberIndex");
            e.HasIndex(t => new { t.SearchParameterId, t.Low, t.High }).HasDatabaseName("IX_NumberIndex_Param_Range");
            e.HasIndex(t => t.ResourceKey).HasDatabaseName("IX_NumberIndex_Resource");
        });
        modelBuilder.Entity<QuantityIndexRow>(e =>
        {
            e.ToTable("QuantityIndex");
            e.HasIndex(t => new { t.SearchParameterId, t.Code, t.Low, t.High }).HasDatabaseName("IX_QuantityIndex_Param_Code_Range");
            e.HasIndex(t => t.ResourceKey).HasDatabaseName("IX_QuantityIndex_Resource");
        });
        modelBuilder.Entity<UriIndexRow>(e =>
        {
            e.ToTable("UriIndex");
            e.HasIndex(t => new { t.SearchParameterId, t.Uri }).HasDatabaseName("IX_UriIndex_Param_Uri");
            e.HasIndex(t => t.ResourceKey).HasDatabaseName("IX_UriIndex_Resource");
        });
        modelBuilder.Entity<MemberLinkRow>(e =>
        {
            // The key answers the member confinement's one question, per resource row: which Patients is it about?
            e.ToTable("MemberLink");
            e.HasKey(m => new { m.ResourceKey, m.PatientId }).HasName("PK_MemberLink");
            e.Property(m => m.PatientId).HasMaxLength(64);
        });
    }
}

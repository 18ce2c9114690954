using GuaGou.Domain.Documents;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Audit;
using GuaGou.Infrastructure.Households;
using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.Parcels;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Persistence;

/// <summary>
/// The one database context. Tables live in the <c>guagou</c> schema with snake_case names; the schema is
/// created only by the hand-written migrations in <c>Persistence/Migrations</c> (see docs/architecture.md).
/// </summary>
public sealed class GuaGouDbContext(DbContextOptions<GuaGouDbContext> options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    public const string Schema = "guagou";
    public const string MigrationsHistoryTable = "ef_migrations_history";

    public DbSet<Region> Regions => Set<Region>();

    public DbSet<ProjectArea> ProjectAreas => Set<ProjectArea>();

    public DbSet<Parcel> Parcels => Set<Parcel>();

    public DbSet<StageTransition> StageTransitions => Set<StageTransition>();

    public DbSet<ParcelImport> ParcelImports => Set<ParcelImport>();

    public DbSet<ParcelZoneVersion> ParcelZoneVersions => Set<ParcelZoneVersion>();

    public DbSet<ReferenceLayer> ReferenceLayers => Set<ReferenceLayer>();

    public DbSet<ReferenceFeature> ReferenceFeatures => Set<ReferenceFeature>();

    public DbSet<Household> Households => Set<Household>();

    public DbSet<HomesteadStandardSetting> HomesteadStandards => Set<HomesteadStandardSetting>();

    public DbSet<StoredDocument> Documents => Set<StoredDocument>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.HasPostgresExtension("postgis");
        builder.ApplyConfigurationsFromAssembly(typeof(GuaGouDbContext).Assembly);
        IdentityTables.Configure(builder);
        SnakeCaseNames.Apply(builder);
    }
}

using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Persistence.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;

namespace GuaGou.Infrastructure.Persistence.Configurations;

internal sealed class ProjectAreaConfiguration : IEntityTypeConfiguration<ProjectArea>
{
    /// <summary>Shadow property mapped to PostgreSQL's xmin: the optimistic-concurrency token of an edit.</summary>
    public const string Version = "Version";

    public void Configure(EntityTypeBuilder<ProjectArea> builder)
    {
        builder.ToTable("project_areas");
        builder.HasKey(p => p.Id);
        builder.Property<uint>(Version).HasColumnName("xmin").IsRowVersion();
        builder.Property(p => p.Code).HasConversion(Conversions.ProjectCode).HasMaxLength(15).IsRequired();
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(ProjectArea.MaxNameLength).IsRequired();
        builder.Property(p => p.CountyCode).HasMaxLength(6).IsRequired();
        builder.HasOne<Region>().WithMany().HasForeignKey(p => p.CountyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.CountyCode, p.Year });
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.PlanType).HasConversion<string>().HasMaxLength(24);
        // Stored as its number so "before 自验" is a comparison in SQL.
        builder.Property(p => p.Stage).HasConversion<int>();
        builder.HasIndex(p => p.Stage);
        builder.Property(p => p.ResponsibleUnits).HasMaxLength(ProjectArea.MaxUnitsLength);
        builder.Property(p => p.ApprovalDocument).HasConversion(Conversions.DocumentNumber).HasMaxLength(DocumentNumber.MaxLength);
        builder.Property(p => p.ApprovalLevel).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.ExtensionDocument).HasConversion(Conversions.DocumentNumber).HasMaxLength(DocumentNumber.MaxLength);
        builder.HasMany(p => p.Parcels).WithOne().HasForeignKey(p => p.ProjectAreaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Transitions).WithOne().HasForeignKey(t => t.ProjectAreaId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Parcels).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(p => p.Transitions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(p => p.Balance);
        builder.Ignore(p => p.NextStep);
    }
}

internal sealed class ParcelConfiguration : IEntityTypeConfiguration<Parcel>
{
    public void Configure(EntityTypeBuilder<Parcel> builder)
    {
        builder.ToTable("parcels", t =>
        {
            t.HasCheckConstraint("ck_parcels_declared_area_positive", "declared_area > 0");
            t.HasCheckConstraint("ck_parcels_zone_fields",
                "(zone = 'Demolition' AND reclamation_direction IS NOT NULL AND planned_use IS NULL) OR " +
                "(zone = 'Construction' AND reclamation_direction IS NULL AND planned_use IS NOT NULL)");
        });
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Zone).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Code).HasMaxLength(Parcel.MaxCodeLength).IsRequired();
        builder.HasIndex(p => new { p.ProjectAreaId, p.Code }).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(Parcel.MaxNameLength);
        builder.HasOne<Region>().WithMany().HasForeignKey(p => p.TownshipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Region>().WithMany().HasForeignKey(p => p.VillageId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.LandClass).HasConversion(Conversions.LandClass).HasMaxLength(8).IsRequired();
        builder.Property(p => p.ReclamationDirection).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.PlannedUse).HasMaxLength(Parcel.MaxTextLength);
        builder.Property(p => p.Ownership).HasMaxLength(Parcel.MaxTextLength);
        builder.Property(p => p.DeclaredArea).HasConversion(Conversions.Area).HasPrecision(14, 2);
        builder.Property(p => p.ComputedArea).HasConversion(Conversions.Area).HasPrecision(14, 2);
        builder.Property(p => p.PlanarArea).HasConversion(Conversions.Area).HasPrecision(14, 2);
        builder.Property(p => p.Note).HasMaxLength(Parcel.MaxNoteLength);
        builder.Property(p => p.Boundary)
            .HasColumnName(SpatialColumn.ParcelBoundary.EwkbColumn)
            .HasConversion(EwkbGeometry.Converter<MultiPolygon>(), EwkbGeometry.Comparer<MultiPolygon>());
        builder.Ignore(p => p.EffectiveArea);
        builder.Ignore(p => p.IsReclaimed);
    }
}

internal sealed class StageTransitionConfiguration : IEntityTypeConfiguration<StageTransition>
{
    public void Configure(EntityTypeBuilder<StageTransition> builder)
    {
        builder.ToTable("stage_transitions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(t => t.FromStage).HasConversion<int>();
        builder.Property(t => t.ToStage).HasConversion<int>();
        builder.Property(t => t.ActorName).HasMaxLength(64).IsRequired();
        builder.Property(t => t.ActorRole).HasMaxLength(32).IsRequired();
        builder.Property(t => t.DocumentNumber).HasConversion(Conversions.DocumentNumber).HasMaxLength(DocumentNumber.MaxLength);
        builder.Property(t => t.Opinion).HasMaxLength(StageTransition.MaxOpinionLength);
    }
}

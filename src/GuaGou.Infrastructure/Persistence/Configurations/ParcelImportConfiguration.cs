using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Parcels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GuaGou.Infrastructure.Persistence.Configurations;

internal sealed class ParcelImportConfiguration : IEntityTypeConfiguration<ParcelImport>
{
    public void Configure(EntityTypeBuilder<ParcelImport> builder)
    {
        builder.ToTable("parcel_imports");
        builder.HasKey(i => i.Id);
        builder.HasOne<ProjectArea>().WithMany().HasForeignKey(i => i.ProjectAreaId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.Zone).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.FileName).HasMaxLength(ParcelImport.MaxFileNameLength).IsRequired();
        builder.Property(i => i.DefaultDirection).HasConversion<string>().HasMaxLength(24);
        builder.Property(i => i.DefaultPlannedUse).HasMaxLength(Parcel.MaxTextLength);
        builder.Property(i => i.DefaultLandClass).HasMaxLength(8).IsRequired();
        builder.Property(i => i.FieldMapping).HasMaxLength(1000);
        builder.Property(i => i.UploadedByName).HasMaxLength(64).IsRequired();
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class ParcelZoneVersionConfiguration : IEntityTypeConfiguration<ParcelZoneVersion>
{
    public void Configure(EntityTypeBuilder<ParcelZoneVersion> builder)
    {
        builder.ToTable("parcel_zone_versions");
        builder.HasKey(v => v.Id);
        builder.HasOne<ProjectArea>().WithMany().HasForeignKey(v => v.ProjectAreaId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.Zone).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.ReplacedByName).HasMaxLength(64).IsRequired();
        builder.Property(v => v.TotalSquareMetres).HasPrecision(14, 2);
        builder.Property(v => v.Snapshot).HasColumnType("jsonb").IsRequired();
    }
}

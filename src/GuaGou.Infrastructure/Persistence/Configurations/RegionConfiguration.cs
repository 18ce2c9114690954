using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Persistence.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;

namespace GuaGou.Infrastructure.Persistence.Configurations;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.ToTable("regions", t =>
            t.HasCheckConstraint("ck_regions_code_digits", "code ~ '^[0-9]{6}([0-9]{3}){0,2}$'"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Code)
            .HasConversion(code => code.Value, value => RegionCode.Parse(value))
            .HasMaxLength(12)
            .IsRequired();
        builder.HasIndex(r => r.Code).IsUnique();
        builder.Property(r => r.Level).HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property(r => r.Name).HasMaxLength(Region.MaxNameLength).IsRequired();
        builder.Property(r => r.IsDemoCode).HasDefaultValue(false);
        builder.HasOne(r => r.Parent).WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Boundary)
            .HasColumnName(SpatialColumn.RegionBoundary.EwkbColumn)
            .HasConversion(EwkbGeometry.Converter<MultiPolygon>(), EwkbGeometry.Comparer<MultiPolygon>());
    }
}

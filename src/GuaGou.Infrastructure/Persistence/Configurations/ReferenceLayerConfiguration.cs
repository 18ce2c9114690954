using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Parcels;
using GuaGou.Infrastructure.Persistence.Spatial;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;

namespace GuaGou.Infrastructure.Persistence.Configurations;

internal sealed class ReferenceLayerConfiguration : IEntityTypeConfiguration<ReferenceLayer>
{
    public void Configure(EntityTypeBuilder<ReferenceLayer> builder)
    {
        builder.ToTable("reference_layers");
        builder.HasKey(l => l.Id);
        builder.HasOne<Region>().WithMany().HasForeignKey(l => l.CountyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(l => new { l.CountyId, l.Kind }).IsUnique();
        builder.Property(l => l.FileName).HasMaxLength(ParcelImport.MaxFileNameLength).IsRequired();
        builder.Property(l => l.LoadedByName).HasMaxLength(64).IsRequired();
        builder.HasMany(l => l.Features).WithOne().HasForeignKey(f => f.LayerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReferenceFeatureConfiguration : IEntityTypeConfiguration<ReferenceFeature>
{
    public void Configure(EntityTypeBuilder<ReferenceFeature> builder)
    {
        builder.ToTable("reference_features");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Label).HasMaxLength(100).IsRequired();
        builder.Property(f => f.Boundary)
            .HasColumnName(SpatialColumn.ReferenceBoundary.EwkbColumn)
            .HasConversion(EwkbGeometry.Converter<MultiPolygon>()!, EwkbGeometry.Comparer<MultiPolygon>())
            .IsRequired();
    }
}

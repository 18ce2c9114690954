using GuaGou.Domain.Documents;
using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GuaGou.Infrastructure.Persistence.Configurations;

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public const string Version = "Version";

    private static readonly ValueConverter<IdCardNumber, string> IdCard = new(n => n.Value, v => IdCardNumber.Parse(v));

    public void Configure(EntityTypeBuilder<Household> builder)
    {
        builder.ToTable("households", t =>
        {
            t.HasCheckConstraint("ck_households_members", "members BETWEEN 1 AND 30");
            t.HasCheckConstraint("ck_households_homestead_area_positive", "homestead_area > 0");
        });
        builder.HasKey(h => h.Id);
        builder.Property<uint>(Version).HasColumnName("xmin").IsRowVersion();
        builder.HasOne<ProjectArea>().WithMany().HasForeignKey(h => h.ProjectAreaId).OnDelete(DeleteBehavior.Cascade);
        // A parcel with households cannot silently disappear: the import and parcel removal must deal with them first.
        builder.HasOne<Parcel>().WithMany().HasForeignKey(h => h.ParcelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Region>().WithMany().HasForeignKey(h => h.TownshipId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(h => h.HeadName).HasMaxLength(Household.MaxNameLength).IsRequired();
        // One household, one homestead (一户一宅): an ID-card number is registered once.
        builder.Property(h => h.IdCard).HasConversion(IdCard).HasMaxLength(18).IsRequired();
        builder.HasIndex(h => h.IdCard).IsUnique();
        builder.Property(h => h.HomesteadArea).HasConversion(Conversions.Area).HasPrecision(10, 2);
        builder.Property(h => h.ResettlementPlotArea).HasConversion(Conversions.Area).HasPrecision(10, 2);
        builder.Property(h => h.Location).HasConversion<string>().HasMaxLength(32);
        builder.Property(h => h.Resettlement).HasConversion<string>().HasMaxLength(32);
        builder.Property(h => h.Status).HasConversion<int>();
        builder.Property(h => h.Note).HasMaxLength(Household.MaxNoteLength);
        builder.HasIndex(h => new { h.TownshipId, h.Status });
        builder.HasMany(h => h.Agreements).WithOne().HasForeignKey("HouseholdId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(h => h.Agreements).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(h => h.HasConsent);
        builder.Ignore(h => h.HasBothAgreements);
    }
}

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> builder)
    {
        builder.ToTable("household_agreements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex("HouseholdId", nameof(Agreement.Kind)).IsUnique();
        builder.Property(a => a.Signatory).HasMaxLength(Household.MaxSignatoryLength).IsRequired();
        builder.Property(a => a.Amount).HasPrecision(14, 2);
    }
}

internal sealed class HomesteadStandardSettingConfiguration : IEntityTypeConfiguration<HomesteadStandardSetting>
{
    public void Configure(EntityTypeBuilder<HomesteadStandardSetting> builder)
    {
        builder.ToTable("homestead_standards");
        builder.HasKey(s => s.CountyId);
        builder.Property(s => s.CountyId).ValueGeneratedNever();
        builder.HasOne<Region>().WithMany().HasForeignKey(s => s.CountyId).OnDelete(DeleteBehavior.Cascade);
        foreach (var name in new[]
                 {
                     nameof(HomesteadStandardSetting.InsidePerPerson), nameof(HomesteadStandardSetting.InsidePerHousehold),
                     nameof(HomesteadStandardSetting.OutsidePerPerson), nameof(HomesteadStandardSetting.OutsidePerHousehold),
                     nameof(HomesteadStandardSetting.MountainPerHousehold),
                 })
        {
            builder.Property<decimal>(name).HasPrecision(8, 2);
        }

        builder.Property(s => s.UpdatedByName).HasMaxLength(64).IsRequired();
        builder.Ignore(s => s.Standard);
    }
}

internal sealed class StoredDocumentConfiguration : IEntityTypeConfiguration<StoredDocument>
{
    public void Configure(EntityTypeBuilder<StoredDocument> builder)
    {
        builder.ToTable("documents", t => t.HasCheckConstraint("ck_documents_size_positive", "size > 0 AND version >= 1"));
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.SeriesId, d.Version }).IsUnique();
        builder.Property(d => d.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.HasOne<ProjectArea>().WithMany().HasForeignKey(d => d.ProjectAreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Parcel>().WithMany().HasForeignKey(d => d.ParcelId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Household>().WithMany().HasForeignKey(d => d.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StageTransition>().WithMany().HasForeignKey(d => d.StageTransitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Region>().WithMany().HasForeignKey(d => d.TownshipId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.FileName).HasMaxLength(StoredDocument.MaxFileNameLength).IsRequired();
        builder.Property(d => d.MediaType).HasMaxLength(64).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.HasIndex(d => d.Sha256);
        builder.Property(d => d.StorageKey).HasMaxLength(80).IsRequired();
        builder.HasIndex(d => d.StorageKey).IsUnique();
        builder.Property(d => d.ThumbnailKey).HasMaxLength(80);
        builder.Property(d => d.Note).HasMaxLength(StoredDocument.MaxNoteLength);
        builder.Property(d => d.UploadedByName).HasMaxLength(64).IsRequired();
        builder.Ignore(d => d.IsImage);
    }
}

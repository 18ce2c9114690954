using GuaGou.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GuaGou.Infrastructure.Persistence.Configurations;

/// <summary>The audit trail: no foreign keys, so history outlives the records it describes.</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.UserName).HasMaxLength(AuditEntry.MaxNameLength).IsRequired();
        builder.Property(e => e.DisplayName).HasMaxLength(AuditEntry.MaxNameLength);
        builder.Property(e => e.RoleCode).HasMaxLength(AuditEntry.MaxCodeLength);
        builder.Property(e => e.RegionCode).HasMaxLength(12);
        builder.Property(e => e.Action).HasMaxLength(AuditEntry.MaxCodeLength).IsRequired();
        builder.Property(e => e.EntityType).HasMaxLength(AuditEntry.MaxIdLength).IsRequired();
        builder.Property(e => e.EntityId).HasMaxLength(AuditEntry.MaxIdLength);
        builder.Property(e => e.RecordType).HasMaxLength(AuditEntry.MaxIdLength);
        builder.Property(e => e.RecordId).HasMaxLength(AuditEntry.MaxIdLength);
        builder.Property(e => e.Before).HasColumnType("jsonb");
        builder.Property(e => e.After).HasColumnType("jsonb");
        builder.Property(e => e.ClientIp).HasMaxLength(45);
        builder.Property(e => e.RequestId).HasMaxLength(AuditEntry.MaxIdLength);
        // The search pages: newest first, by record (a page's history), by entity, by user.
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.RecordType, e.RecordId });
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.UserName);
    }
}

using GuaGou.Domain.ProjectAreas;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace GuaGou.Infrastructure.Persistence.Configurations;

/// <summary>Value objects as plain columns; reading them back goes through their own validation.</summary>
internal static class Conversions
{
    public static readonly ValueConverter<Area, decimal> Area = new(a => a.SquareMetres, v => Domain.ProjectAreas.Area.FromSquareMetres(v));

    public static readonly ValueConverter<DocumentNumber, string> DocumentNumber =
        new(d => d.Value, v => Domain.ProjectAreas.DocumentNumber.Parse(v));

    public static readonly ValueConverter<LandClassCode, string> LandClass = new(c => c.Value, v => LandClassCode.Parse(v));

    public static readonly ValueConverter<ProjectCode, string> ProjectCode = new(c => c.Value, v => Domain.ProjectAreas.ProjectCode.Parse(v));
}

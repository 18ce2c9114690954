using System.Globalization;
using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Web.Components;

/// <summary>Numbers and dates the way our users read them: 亩 with 2 decimals, 公顷 with 4, dates yyyy-MM-dd.</summary>
public static class Format
{
    public static string Mu(decimal squareMetres) => Area.FormatMu(squareMetres);

    public static string Hectares(decimal squareMetres) => Area.FormatHectares(squareMetres);

    public static string Mu(Area area) => Area.FormatMu(area.SquareMetres);

    public static string Hectares(Area area) => Area.FormatHectares(area.SquareMetres);

    public static string SquareMetres(decimal squareMetres) => squareMetres.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string DateTime(DateTimeOffset at) =>
        at.ToOffset(Domain.Common.ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Percent(decimal? ratio) => ratio is { } r ? (r * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "—";
}

using System.Globalization;
using GuaGou.Domain.Common;

namespace GuaGou.Domain.ProjectAreas;

/// <summary>
/// An area in square metres, held to 0.01 m² (the precision the balance rule is judged at). Shown in 亩 with
/// 2 decimals and 公顷 with 4, as the policy documents do: 1 公顷 = 15 亩 = 10 000 m².
/// </summary>
public readonly record struct Area : IComparable<Area>
{
    public const decimal SquareMetresPerMu = 10_000m / 15m;
    public const decimal SquareMetresPerHectare = 10_000m;

    private Area(decimal squareMetres) => SquareMetres = squareMetres;

    public static Area Zero { get; } = new(0m);

    public decimal SquareMetres { get; }

    public decimal Mu => SquareMetres / SquareMetresPerMu;

    public decimal Hectares => SquareMetres / SquareMetresPerHectare;

    public static Area FromSquareMetres(decimal squareMetres)
    {
        if (squareMetres < 0)
        {
            throw new DomainException("area.negative", $"面积不能为负数（{squareMetres} 平方米）。");
        }

        return new Area(decimal.Round(squareMetres, 2, MidpointRounding.AwayFromZero));
    }

    public static Area FromHectares(decimal hectares) => FromSquareMetres(hectares * SquareMetresPerHectare);

    public static Area FromMu(decimal mu) => FromSquareMetres(mu * SquareMetresPerMu);

    public static Area operator +(Area a, Area b) => new(a.SquareMetres + b.SquareMetres);

    public static bool operator >(Area a, Area b) => a.SquareMetres > b.SquareMetres;

    public static bool operator <(Area a, Area b) => a.SquareMetres < b.SquareMetres;

    public static bool operator >=(Area a, Area b) => a.SquareMetres >= b.SquareMetres;

    public static bool operator <=(Area a, Area b) => a.SquareMetres <= b.SquareMetres;

    public int CompareTo(Area other) => SquareMetres.CompareTo(other.SquareMetres);

    /// <summary>The difference a − b, which may be negative (a shortfall), in square metres.</summary>
    public static decimal Difference(Area a, Area b) => a.SquareMetres - b.SquareMetres;

    public static string FormatMu(decimal squareMetres) => (squareMetres / SquareMetresPerMu).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string FormatHectares(decimal squareMetres) => (squareMetres / SquareMetresPerHectare).ToString("#,##0.0000", CultureInfo.InvariantCulture);

    /// <summary>"1,010.23 亩（67.3486 公顷）"</summary>
    public override string ToString() => $"{FormatMu(SquareMetres)} 亩（{FormatHectares(SquareMetres)} 公顷）";
}

using GuaGou.Domain.Common;
using GuaGou.Domain.Spatial;
using NetTopologySuite.Geometries;

namespace GuaGou.Domain.Regions;

/// <summary>
/// An administrative division: province → city → county (县/旗/区) → township (乡/镇/苏木/街道) → village (村/嘎查).
/// Reference data that users, projects and parcels hang on.
/// </summary>
public sealed class Region
{
    public const int MaxNameLength = 64;

    private Region()
    {
        Name = string.Empty;
    }

    public Region(RegionCode code, string name, Region? parent, bool isDemoCode = false)
    {
        IsDemoCode = isDemoCode;
        EnsureParentIsOneLevelAboveAndSharesTheCodePrefix(code, parent);
        Code = code;
        Level = code.Level;
        Name = ValidName(name);
        Parent = parent;
        ParentId = parent?.Id;
    }

    public int Id { get; private set; }

    public RegionCode Code { get; private set; }

    /// <summary>Stored alongside the code so that queries can filter by level without parsing codes.</summary>
    public RegionLevel Level { get; private set; }

    public string Name { get; private set; }

    /// <summary>True when the code is a stand-in (the official statistical code was not at hand); shown as 演示代码.</summary>
    public bool IsDemoCode { get; private set; }

    public int? ParentId { get; private set; }

    public Region? Parent { get; private set; }

    /// <summary>Administrative boundary in CGCS2000 (EPSG:4490) when one has been imported; optional.</summary>
    public MultiPolygon? Boundary { get; private set; }

    public void Rename(string name) => Name = ValidName(name);

    /// <summary>Replaces a demo code by the official one once it is known; the level and parent must still fit.</summary>
    public void CorrectCode(RegionCode code, bool isDemoCode)
    {
        if (code.Level != Level)
        {
            throw new DomainException("region.code.level", $"新代码“{code}”是{code.Level.ChineseName()}代码，而“{Name}”是{Level.ChineseName()}行政区。");
        }

        EnsureParentIsOneLevelAboveAndSharesTheCodePrefix(code, Parent);
        Code = code;
        IsDemoCode = isDemoCode;
    }

    public void SetBoundary(MultiPolygon boundary) => Boundary = Cgcs2000.EnsureValidArea(boundary, $"{Name}的边界");

    private static string ValidName(string? name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new DomainException("region.name.required", "行政区名称不能为空。");
        }

        if (trimmed.Length > MaxNameLength)
        {
            throw new DomainException("region.name.too_long", $"行政区名称不能超过 {MaxNameLength} 个字符（当前 {trimmed.Length} 个）。");
        }

        return trimmed;
    }

    private static void EnsureParentIsOneLevelAboveAndSharesTheCodePrefix(RegionCode code, Region? parent)
    {
        if (parent is null)
        {
            if (code.Level != RegionLevel.Province)
            {
                throw new DomainException("region.parent.required",
                    $"{code.Level.ChineseName()}行政区“{code}”必须指定上级行政区。");
            }

            return;
        }

        if (!parent.Code.IsDirectParentOf(code))
        {
            throw new DomainException("region.parent.mismatch",
                $"行政区划代码“{code}”（{code.Level.ChineseName()}）不属于上级“{parent.Name}”（{parent.Code}）。");
        }
    }
}

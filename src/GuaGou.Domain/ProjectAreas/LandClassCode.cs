using GuaGou.Domain.Common;

namespace GuaGou.Domain.ProjectAreas;

/// <summary>
/// A current land class: a GB/T 21010-2017 code (2-digit class or 4-digit subclass, 01–12), or one of the
/// 三调 work classes 201–205 (城市, 建制镇, 村庄, 采矿用地, 风景名胜及特殊用地), optionally with the A suffix.
/// </summary>
public readonly record struct LandClassCode
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["01"] = "耕地", ["0101"] = "水田", ["0102"] = "水浇地", ["0103"] = "旱地",
        ["02"] = "园地", ["0201"] = "果园", ["0202"] = "茶园", ["0203"] = "橡胶园", ["0204"] = "其他园地",
        ["03"] = "林地", ["0301"] = "乔木林地", ["0302"] = "竹林地", ["0303"] = "红树林地", ["0304"] = "森林沼泽",
        ["0305"] = "灌木林地", ["0306"] = "灌丛沼泽", ["0307"] = "其他林地",
        ["04"] = "草地", ["0401"] = "天然牧草地", ["0402"] = "沼泽草地", ["0403"] = "人工牧草地", ["0404"] = "其他草地",
        ["05"] = "商服用地", ["06"] = "工矿仓储用地", ["0601"] = "工业用地", ["0602"] = "采矿用地", ["0603"] = "盐田", ["0604"] = "仓储用地",
        ["07"] = "住宅用地", ["0701"] = "城镇住宅用地", ["0702"] = "农村宅基地",
        ["08"] = "公共管理与公共服务用地", ["09"] = "特殊用地", ["10"] = "交通运输用地", ["1006"] = "农村道路",
        ["11"] = "水域及水利设施用地", ["1104"] = "坑塘水面", ["1107"] = "沟渠",
        ["12"] = "其他土地", ["1201"] = "空闲地", ["1202"] = "设施农用地", ["1203"] = "田坎", ["1206"] = "裸土地", ["1207"] = "裸岩石砾地",
        ["201"] = "城市", ["202"] = "建制镇", ["203"] = "村庄", ["204"] = "采矿用地", ["205"] = "风景名胜及特殊用地",
    };

    private LandClassCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>The Chinese name when the code is one we know by name; null for valid but unnamed subclasses.</summary>
    public string? Name => Names.TryGetValue(WithoutWorkClassSuffix(Value), out var name) ? name : null;

    public string Display => Name is null ? Value : $"{Value} {Name}";

    public static LandClassCode Parse(string? text)
    {
        var value = (text ?? string.Empty).Trim().ToUpperInvariant();
        var digits = WithoutWorkClassSuffix(value);
        var isWorkClass = digits.Length == 3 && digits is "201" or "202" or "203" or "204" or "205";
        var isStandard = value.Length is 2 or 4 && value.All(char.IsAsciiDigit)
            && int.Parse(value[..2], System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 12;
        if (!isWorkClass && !isStandard)
        {
            throw new DomainException("land_class.invalid",
                $"地类代码“{value}”无效：应为 GB/T 21010 的 2 位或 4 位代码（01–12 开头，如 0602 采矿用地），或三调工作分类 201–205。");
        }

        return new LandClassCode(value);
    }

    public override string ToString() => Value;

    /// <summary>三调 work classes may carry one "A" (e.g. 204A); only one.</summary>
    private static string WithoutWorkClassSuffix(string value) => value.EndsWith('A') ? value[..^1] : value;
}

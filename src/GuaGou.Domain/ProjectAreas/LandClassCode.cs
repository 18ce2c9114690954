using GuaGou.Domain.Common;

namespace GuaGou.Domain.ProjectAreas;

/// <summary>
/// A current land class as the surveys write it (FORMATS.md §4): GB/T 21010-2017 classes and subclasses (01–12,
/// 三调 H codes and A/K suffixes), change-survey classes 1301–1304, 城镇村属性码 201–205 (optionally A), and 二调
/// 3-digit codes. Kept as written; names come from a small table (and the 二调 crosswalk).
/// </summary>
public readonly partial record struct LandClassCode
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
        ["0508"] = "物流仓储用地", ["05H1"] = "商业服务业设施用地", ["08H1"] = "机关团体新闻出版用地", ["08H2"] = "科教文卫用地",
        ["1301"] = "临时用地", ["1302"] = "光伏板区", ["1303"] = "推土区", ["1304"] = "拆除未尽区",
        ["011"] = "水田", ["012"] = "水浇地", ["013"] = "旱地", ["021"] = "果园", ["031"] = "有林地", ["032"] = "灌木林地", ["033"] = "其他林地",
        ["041"] = "天然牧草地", ["043"] = "其他草地", ["114"] = "坑塘水面", ["122"] = "设施农用地",
        ["201"] = "城市", ["202"] = "建制镇", ["203"] = "村庄", ["204"] = "采矿用地", ["205"] = "风景名胜及特殊用地",
    };

    private LandClassCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>The Chinese name when the code is one we know by name; null for valid but unnamed subclasses.</summary>
    public string? Name => Names.TryGetValue(Value, out var name) || Names.TryGetValue(WithoutSuffix(Value), out name) ? name : null;

    public string Display => Name is null ? Value : $"{Value} {Name}";

    public static LandClassCode Parse(string? text)
    {
        var value = (text ?? string.Empty).Trim().ToUpperInvariant();
        if (!Pattern().IsMatch(value))
        {
            throw new DomainException("land_class.invalid",
                $"地类代码“{value}”无效：应为 GB/T 21010 的 2 位或 4 位代码（01–12 开头，如 0602 采矿用地；三调的 05H1、1104A、0201K 等亦可），" +
                "或三调城镇村属性码 201–205、二调 3 位代码（如 011）。");
        }

        return new LandClassCode(value);
    }

    // FORMATS.md §4: GB/T 21010 classes and subclasses (with 三调 H codes and A/K suffixes), change-survey 1301–1304,
    // 城镇村属性码 201–205 (one optional A), and 二调 3-digit codes 011–129.
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?:0[1-9]|1[0-2])(?:(?:\d{2}|H\d)[AK]?)?|130[1-4]|20[1-5]A?|(?:0[1-9]|1[0-2])[1-9])$")]
    private static partial System.Text.RegularExpressions.Regex Pattern();

    public override string ToString() => Value;

    /// <summary>The A (independent industrial) or K (plough layer intact) suffix does not change the class's name.</summary>
    private static string WithoutSuffix(string value) => value.Length > 3 && (value.EndsWith('A') || value.EndsWith('K')) ? value[..^1] : value;
}

namespace GuaGou.Infrastructure.Seeding;

public sealed record RegionRow(string Code, string Name, string? Parent, bool IsDemoCode = false);

/// <summary>
/// The regions of the counties named in the policy documents. Province, city and county codes are the official
/// GB/T 2260 ones. The townships and villages are those the documents list — 阿鲁科尔沁旗's 8 townships and 26
/// villages of the mining-land project (seed 000) and 柴桑区's townships (seed 001) — with **demo codes**
/// (county code + 1xx for townships, township code + 2xx for villages), marked as such, until an administrator
/// enters the official statistical codes.
/// </summary>
public static class RegionCatalog
{
    private static readonly (string Township, string[] Villages)[] Aluhorqin =
    [
        ("天山镇", ["北岗台村", "杨树林村", "胜龙村", "孤山子村", "三家村"]),
        ("天山口镇", ["北沟村", "水泉沟村", "大虎头嘎村", "元宝坑村"]),
        ("新民乡", ["新民村", "扫帚包村", "胜存村"]),
        ("坤都镇", ["阿尔包勒格嘎查", "登根嘎查", "高勒嘎查", "翁根毛都嘎查"]),
        ("赛罕塔拉苏木", ["陶海嘎查", "查彬塔拉嘎查"]),
        ("绍根镇", ["乌丹套海嘎查"]),
        ("扎嘎斯台镇", ["图古日根塔拉嘎查", "乌兰哈达嘎查", "乌兰绍荣嘎查", "乌和尔楚鲁嘎查", "阿嘎坦花嘎查", "查干诺尔嘎查"]),
        ("双胜镇", ["双胜村"]),
    ];

    private static readonly string[] Chaisang =
        ["沙河街道", "狮子街道", "城门街道", "港口街镇", "新合镇", "城子镇", "马回岭镇", "涌泉乡", "新塘乡", "岷山乡"];

    public static IReadOnlyList<RegionRow> All { get; } = Build();

    /// <summary>The 26 villages of seed 000 with their townships, in the document's order.</summary>
    public static IReadOnlyList<(string Township, string Village)> AluhorqinVillages { get; } =
        Aluhorqin.SelectMany(t => t.Villages.Select(v => (t.Township, v))).ToList();

    private static List<RegionRow> Build()
    {
        var rows = new List<RegionRow>
        {
            new("150000", "内蒙古自治区", null),
            new("150400", "赤峰市", "150000"),
            new("150421", "阿鲁科尔沁旗", "150400"),
            new("360000", "江西省", null),
            new("360400", "九江市", "360000"),
            new("360404", "柴桑区", "360400"),
            new("530000", "云南省", null),
            new("532500", "红河哈尼族彝族自治州", "530000"),
            new("532529", "红河县", "532500"),
        };
        for (var t = 0; t < Aluhorqin.Length; t++)
        {
            var township = $"150421{100 + t}";
            rows.Add(new RegionRow(township, Aluhorqin[t].Township, "150421", IsDemoCode: true));
            rows.AddRange(Aluhorqin[t].Villages.Select((v, i) => new RegionRow($"{township}{201 + i}", v, township, IsDemoCode: true)));
        }

        rows.AddRange(Chaisang.Select((name, i) => new RegionRow($"360404{100 + i}", name, "360404", IsDemoCode: true)));
        return rows;
    }
}

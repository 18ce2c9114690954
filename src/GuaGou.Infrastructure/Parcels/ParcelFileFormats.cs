using GuaGou.Domain.Parcels;

namespace GuaGou.Infrastructure.Parcels;

/// <summary>Which boundary files can be read, and the reader for each.</summary>
public static class ParcelFileFormats
{
    public const string SupportedText = "目前支持标准坐标文本（.txt，部标/报部坐标格式）。";

    public static bool IsSupported(string fileName) =>
        Path.GetExtension(fileName).Equals(".txt", StringComparison.OrdinalIgnoreCase);

    public static Task<ParsedParcelSet> ReadAsync(string fileName, byte[] content, CancellationToken ct = default) =>
        Task.FromResult(Read(fileName, content));

    public static ParsedParcelSet Read(string fileName, byte[] content) =>
        IsSupported(fileName)
            ? TxtParcelSetReader.Read(content)
            : new ParsedParcelSet(null, null, [], [new ImportIssue(0, $"不支持的文件类型“{Path.GetExtension(fileName)}”。{SupportedText}")], [],
                new Dictionary<string, string>());
}

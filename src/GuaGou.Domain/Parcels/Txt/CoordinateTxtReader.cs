namespace GuaGou.Domain.Parcels.Txt;

/// <summary>
/// Reads the standard coordinate TXT (部标坐标格式, FORMATS.md §1) in every variant producers write.
/// Never throws on content: every problem is an error or a warning with its line number and a Chinese message.
/// </summary>
public static class CoordinateTxtReader
{
    public const string UnreadableMessage = "文件为空或无法识别为坐标文本。";

    public static TxtDocument Read(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        return Read(buffer.ToArray());
    }

    public static TxtDocument Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (text, encoding) = TxtEncodings.Decode(content);
        var lines = TxtLines.Split(text);
        return LooksLikeCoordinateText(text, lines) ? new TxtParser(lines, encoding).Parse() : Unreadable(encoding);
    }

    /// <summary>
    /// Binary data decodes "successfully" as GB18030 too, so require at least one section header or parcel header
    /// before treating the content as a coordinate TXT.
    /// </summary>
    private static bool LooksLikeCoordinateText(string text, TxtLines lines)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = TxtParser.Normalise(lines.Get(i));
            if (TxtParser.IsSectionHeader(line, out _) || TxtParser.IsParcelHeader(line))
            {
                return true;
            }
        }

        return false;
    }

    private static TxtDocument Unreadable(string encoding) => new(
        new Dictionary<string, string>(),
        new Dictionary<string, string>(),
        null,
        [],
        [new TxtIssue(0, UnreadableMessage)],
        [],
        encoding);
}

namespace GuaGou.Domain.Parcels.Txt;

/// <summary>
/// The lines of a decoded TXT as (start, length) pairs over the one text, so that half a million coordinate lines
/// are parsed from spans without a string each. Line breaks are those of <see cref="string.ReplaceLineEndings()"/>
/// (CR, LF, CRLF, NEL, LS, PS, FF), which the reader used before.
/// </summary>
internal sealed class TxtLines
{
    private static readonly System.Buffers.SearchValues<char> Breaks = System.Buffers.SearchValues.Create("\r\n\f\u0085\u2028\u2029");

    private readonly string text;
    private readonly List<(int Start, int Length)> ranges;

    private TxtLines(string text, List<(int Start, int Length)> ranges)
    {
        this.text = text;
        this.ranges = ranges;
    }

    public int Count => ranges.Count;

    public static TxtLines Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ranges = new List<(int, int)>(Math.Max(16, text.Length / 32));
        var start = 0;
        while (true)
        {
            var offset = text.AsSpan(start).IndexOfAny(Breaks);
            if (offset < 0)
            {
                ranges.Add((start, text.Length - start));
                return new TxtLines(text, ranges);
            }

            ranges.Add((start, offset));
            var end = start + offset;
            start = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
        }
    }

    /// <summary>Line <paramref name="index"/> (0-based) as written, without its line break.</summary>
    public ReadOnlySpan<char> Get(int index)
    {
        var (start, length) = ranges[index];
        return text.AsSpan(start, length);
    }
}

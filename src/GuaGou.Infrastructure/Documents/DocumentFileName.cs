using System.Globalization;
using System.Text;

namespace GuaGou.Infrastructure.Documents;

/// <summary>
/// The name a user gave an upload, kept only for display and for the download header; files on disk are named by
/// generated keys (<see cref="IDocumentStorage"/>), so nothing here ever reaches a path.
/// </summary>
public static class DocumentFileName
{
    public const int MaxLength = 120;
    public const string Unnamed = "未命名文件";

    // Longer "extensions" are just dots in a name ("2026.11.补偿协议（第二批）…") and are not kept apart when capping.
    private const int MaxExtensionLength = 10;

    /// <summary>The cleaned display name; throws <see cref="DocumentRejectedException"/> (document.name) for names that look like paths or carry control characters.</summary>
    public static string Clean(string? clientName)
    {
        if (string.IsNullOrWhiteSpace(clientName))
        {
            return Unnamed;
        }

        // A name typed on a Mac arrives decomposed (NFD); compose it so equal names compare equal.
        string name;
        try
        {
            name = clientName.Trim().Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // A lone UTF-16 surrogate: not text any client could have meant.
            throw new DocumentRejectedException(DocumentRejectedException.Name, "文件名包含无效字符。");
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name is "." or "..")
        {
            throw new DocumentRejectedException(DocumentRejectedException.Name, "文件名不能包含路径（如 “../”）。");
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                throw new DocumentRejectedException(DocumentRejectedException.Name, "文件名不能包含控制字符。");
            }

            // Bidirectional overrides make "协议txt.exe" display as "协议exe.txt".
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                throw new DocumentRejectedException(DocumentRejectedException.Name, "文件名不能包含文字方向控制字符。");
            }
        }

        return Cap(name);
    }

    /// <summary>
    /// The display name with the extension of the type the content was detected as (<see cref="DocumentInspector"/>):
    /// the download header repeats this name, and a browser or desktop picks the program by it, so a PDF named
    /// "x.html" must not be saved as a page. A matching extension (".JPG", ".jpeg") is kept as typed; any other short
    /// extension is replaced; a name without one gets the type's.
    /// </summary>
    public static string WithExtensionOf(string name, DocumentFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(name);
        var wanted = DocumentFormats.Extension(format);
        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= MaxExtensionLength && name[(dot + 1)..].All(char.IsAsciiLetterOrDigit)
            ? name[dot..]
            : string.Empty;
        if (string.Equals(extension, wanted, StringComparison.OrdinalIgnoreCase)
            || (format == DocumentFileFormat.Jpeg && string.Equals(extension, ".jpeg", StringComparison.OrdinalIgnoreCase)))
        {
            return name;
        }

        var stem = name[..(name.Length - extension.Length)].TrimEnd();
        return Cap((stem.Length == 0 ? Unnamed : stem) + wanted);
    }

    /// <summary>
    /// A Content-Disposition header value: an ASCII <c>filename</c> for old clients and the exact name as RFC 5987
    /// <c>filename*</c> (UTF-8, percent-encoded), which every current browser prefers.
    /// </summary>
    public static string ContentDisposition(string fileName, bool inline)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var fallback = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            if (c is '"' or '\\')
            {
                continue; // would end or escape the quoted string
            }

            fallback.Append(c is < ' ' or > '~' ? '_' : c);
        }

        var ascii = fallback.ToString().Trim();
        if (ascii.Length == 0)
        {
            ascii = "file";
        }

        return $"{(inline ? "inline" : "attachment")}; filename=\"{ascii}\"; filename*=UTF-8''{PercentEncode(fileName)}";
    }

    private static string Cap(string name)
    {
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var dot = name.LastIndexOf('.');
        var extension = dot > 0 && name.Length - dot <= MaxExtensionLength ? name[dot..] : string.Empty;
        var stem = name[..(name.Length - extension.Length)];

        // Cut on text-element boundaries so a surrogate pair (rare CJK Extension B characters) is never split.
        var budget = MaxLength - extension.Length;
        var kept = new StringBuilder(budget);
        var elements = StringInfo.GetTextElementEnumerator(stem);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (kept.Length + element.Length > budget)
            {
                break;
            }

            kept.Append(element);
        }

        return kept.ToString().TrimEnd() + extension;
    }

    // RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
    private static string PercentEncode(string value)
    {
        var result = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                || "!#$&+-.^_`|~".Contains((char)b, StringComparison.Ordinal))
            {
                result.Append((char)b);
            }
            else
            {
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }
}

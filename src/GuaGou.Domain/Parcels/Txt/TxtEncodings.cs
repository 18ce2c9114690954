using System.Text;

namespace GuaGou.Domain.Parcels.Txt;

/// <summary>Encodings of coordinate TXT files: UTF-8 (with or without BOM) or GBK/GB18030.</summary>
internal static class TxtEncodings
{
    public const string Utf8Name = "UTF-8";
    public const string Utf8BomName = "UTF-8-BOM";
    public const string Gb18030Name = "GB18030";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// GB18030 is a superset of GBK/GB2312 and gives the same bytes for every GBK character, so it reads GBK files
    /// and writes GBK files without turning rarer characters into '?'.
    /// </summary>
    public static Encoding Gb18030 { get; } = LoadCodePage("GB18030");

    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Strips a BOM, tries strict UTF-8, falls back to GB18030.</summary>
    public static (string Text, string EncodingName) Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith(Utf8Bom))
        {
            var body = content.AsSpan(Utf8Bom.Length);
            return TryUtf8(body, out var bomText) ? (bomText, Utf8BomName) : (Gb18030.GetString(body), Gb18030Name);
        }

        return TryUtf8(content, out var text) ? (text, Utf8Name) : (Gb18030.GetString(content), Gb18030Name);
    }

    private static bool TryUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    // The code-page encodings ship with the shared framework but must be registered before first use.
    private static Encoding LoadCodePage(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }
}

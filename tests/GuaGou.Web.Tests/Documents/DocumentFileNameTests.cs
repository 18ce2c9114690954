using GuaGou.Infrastructure.Documents;

namespace GuaGou.Web.Tests.Documents;

public sealed class DocumentFileNameTests
{
    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a\\b.pdf")]
    [InlineData("扫描件/同意书.pdf")]
    [InlineData("..")]
    public void Clean_WithPath_IsRejected(string name)
    {
        var error = Assert.Throws<DocumentRejectedException>(() => DocumentFileName.Clean(name));
        Assert.Equal("document.name", error.Code);
        Assert.Equal("文件名不能包含路径（如 “../”）。", error.Message);
    }

    [Theory]
    [InlineData("同意书\0.pdf")]
    [InlineData("同意书\r\n.pdf")]
    [InlineData("同意书\u0007.pdf")]
    [InlineData("同意书\u007F.pdf")]
    [InlineData("协议\u202Efdp.exe")] // right-to-left override: shows as "协议exe.pdf"
    public void Clean_WithControlCharacter_IsRejected(string name) =>
        Assert.Equal("document.name", Assert.Throws<DocumentRejectedException>(() => DocumentFileName.Clean(name)).Code);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Clean_WithNoName_IsUnnamed(string? name) => Assert.Equal("未命名文件", DocumentFileName.Clean(name));

    [Theory]
    [InlineData("  东村张三搬迁补偿协议（第二批）.pdf ", "东村张三搬迁补偿协议（第二批）.pdf")]
    [InlineData("拆旧前 现场照片 01.JPG", "拆旧前 现场照片 01.JPG")]
    [InlineData("a..b.png", "a..b.png")]
    [InlineData("Cafe\u0301.png", "Café.png")] // decomposed (as macOS sends it) becomes composed
    public void Clean_WithOrdinaryName_KeepsIt(string name, string expected) => Assert.Equal(expected, DocumentFileName.Clean(name));

    [Fact]
    public void Clean_WithLongName_CapsAt120CharactersKeepingTheExtension()
    {
        var cleaned = DocumentFileName.Clean(string.Concat(Enumerable.Repeat("补偿协议", 60)) + ".pdf");

        Assert.Equal(120, cleaned.Length);
        Assert.EndsWith("补偿协议.pdf", cleaned, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_WithLongNameOfSurrogatePairs_NeverSplitsAPair()
    {
        var cleaned = DocumentFileName.Clean("a" + string.Concat(Enumerable.Repeat("𠀀", 100)) + ".ofd"); // U+20000, two UTF-16 units

        Assert.True(cleaned.Length <= 120);
        Assert.EndsWith(".ofd", cleaned, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(cleaned[^5]), "a high surrogate was left without its pair");
    }

    [Fact]
    public void ContentDisposition_WithChineseName_HasAsciiFallbackAndPercentEncodedUtf8()
    {
        var header = DocumentFileName.ContentDisposition("搬迁协议 \"张三\".pdf", inline: false);

        Assert.StartsWith("attachment; ", header, StringComparison.Ordinal);
        Assert.Contains("filename=\"____ __.pdf\"", header, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString("搬迁协议") + "%20%22" + Uri.EscapeDataString("张三") + "%22.pdf", header, StringComparison.Ordinal);
        Assert.Contains("%E6%90%AC%E8%BF%81", header, StringComparison.Ordinal); // 搬迁
        Assert.DoesNotContain("搬", header, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentDisposition_Inline_StartsWithInline() =>
        Assert.Equal("inline; filename=\"scan-01.jpg\"; filename*=UTF-8''scan-01.jpg", DocumentFileName.ContentDisposition("scan-01.jpg", inline: true));
}

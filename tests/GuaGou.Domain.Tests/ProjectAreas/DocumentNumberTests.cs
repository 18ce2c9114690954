using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Domain.Tests.ProjectAreas;

public sealed class DocumentNumberTests
{
    [Theory]
    [InlineData("阿政办发〔2022〕91号")]
    [InlineData("阿政办发[2022]91号")]
    [InlineData("阿政办发［2022］91号")]
    [InlineData("阿政办发【2022】91号")]
    [InlineData("  阿政办发[2022〕91号  ")]
    public void Parse_AnyKindOfSquareBracket_IsNormalisedToHexagonalBrackets(string text) =>
        Assert.Equal("阿政办发〔2022〕91号", DocumentNumber.Parse(text).Value);

    [Fact]
    public void Parse_OtherCharacters_AreKeptAsTyped() =>
        Assert.Equal("内政发（2018）12号", DocumentNumber.Parse("内政发（2018）12号").Value);

    [Fact]
    public void Equality_AfterNormalisation_IsByValue() =>
        Assert.Equal(DocumentNumber.Parse("赤政发〔2022〕88号"), DocumentNumber.Parse("赤政发[2022]88号"));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_Empty_IsRefusedAsRequired(string? text)
    {
        var error = Assert.Throws<DomainException>(() => DocumentNumber.Parse(text));

        Assert.Equal("document_number.required", error.Code);
        Assert.Equal("请填写文号。", error.Message);
    }

    [Fact]
    public void Parse_AtMaximumLength_IsKept() =>
        Assert.Equal(DocumentNumber.MaxLength, DocumentNumber.Parse(new string('文', DocumentNumber.MaxLength)).Value.Length);

    [Fact]
    public void Parse_OneCharacterOverMaximumLength_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() => DocumentNumber.Parse(new string('文', DocumentNumber.MaxLength + 1)));

        Assert.Equal("document_number.too_long", error.Code);
        Assert.Contains("64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SurroundingWhitespaceDoesNotCountTowardsTheMaximum() =>
        Assert.Equal(64, DocumentNumber.Parse($"  {new string('文', 64)}  ").Value.Length);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void ParseOptional_Empty_IsNull(string? text) => Assert.Null(DocumentNumber.ParseOptional(text));

    [Fact]
    public void ParseOptional_Given_IsNormalised() =>
        Assert.Equal("赤政发〔2022〕88号", DocumentNumber.ParseOptional("赤政发[2022]88号")?.Value);
}

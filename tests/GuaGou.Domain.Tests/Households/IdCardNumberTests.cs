using GuaGou.Domain.Common;
using GuaGou.Domain.Households;

namespace GuaGou.Domain.Tests.Households;

public sealed class IdCardNumberTests
{
    [Theory]
    [InlineData("11010519491231002X")] // the GB 11643 example, check character X
    [InlineData("110105194912310029")]
    public void Parse_ChecksTheMod11CheckCharacter(string text)
    {
        var valid = text.EndsWith('X');
        if (valid)
        {
            Assert.Equal(text, IdCardNumber.Parse(text).Value);
        }
        else
        {
            Assert.Equal("household.id_card.check", Assert.Throws<DomainException>(() => IdCardNumber.Parse(text)).Code);
        }
    }

    [Fact]
    public void Parse_AcceptsLowercaseXAndSpaces()
    {
        Assert.Equal("11010519491231002X", IdCardNumber.Parse(" 110105 19491231 002x ").Value);
    }

    [Theory]
    [InlineData("", "household.id_card.required")]
    [InlineData("11010519491231002", "household.id_card.format")]
    [InlineData("1101051949123100ZX", "household.id_card.format")]
    [InlineData("110105194913310025", "household.id_card.birth_date")]
    public void Parse_RefusesMalformedNumbers(string text, string code)
    {
        Assert.Equal(code, Assert.Throws<DomainException>(() => IdCardNumber.Parse(text)).Code);
    }

    [Fact]
    public void Masked_ShowsFirstSixAndLastFour()
    {
        var number = IdCardNumber.Parse("11010519491231002X");

        Assert.Equal("110105********002X", number.Masked);
        Assert.Equal(number.Masked, number.ToString());
    }
}

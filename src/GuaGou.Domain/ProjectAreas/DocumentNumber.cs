using GuaGou.Domain.Common;

namespace GuaGou.Domain.ProjectAreas;

/// <summary>An official document number (文号), e.g. 阿政办发〔2022〕91号. Brackets are normalised to 〔〕.</summary>
public readonly record struct DocumentNumber
{
    public const int MaxLength = 64;

    private DocumentNumber(string value) => Value = value;

    public string Value { get; }

    public static DocumentNumber Parse(string? text)
    {
        var value = (text ?? string.Empty).Trim()
            .Replace('[', '〔').Replace(']', '〕').Replace('［', '〔').Replace('］', '〕').Replace('【', '〔').Replace('】', '〕');
        if (value.Length == 0)
        {
            throw new DomainException("document_number.required", "请填写文号。");
        }

        if (value.Length > MaxLength)
        {
            throw new DomainException("document_number.too_long", $"文号不能超过 {MaxLength} 个字符。");
        }

        return new DocumentNumber(value);
    }

    public static DocumentNumber? ParseOptional(string? text) => string.IsNullOrWhiteSpace(text) ? null : Parse(text);

    public override string ToString() => Value;
}

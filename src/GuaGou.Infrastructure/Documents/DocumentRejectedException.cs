namespace GuaGou.Infrastructure.Documents;

/// <summary>
/// An upload the document store will not keep. <see cref="Code"/> is stable (for tests and logs); the message is
/// Chinese and meant to be shown next to the upload field as is.
/// </summary>
public sealed class DocumentRejectedException(string code, string message) : Exception(message)
{
    public const string Empty = "document.empty";
    public const string TooLarge = "document.too_large";
    public const string Type = "document.type";
    public const string Damaged = "document.damaged";
    public const string Name = "document.name";

    public string Code { get; } = code;
}

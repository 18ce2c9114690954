namespace GuaGou.Domain.Common;

/// <summary>
/// A business rule refused an action. <see cref="Code"/> is stable for programs and tests
/// (e.g. <c>region.code.invalid</c>); the message is the Chinese sentence shown to the user.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message) : base(message) => Code = code;

    public DomainException() : this("domain.error", "操作不符合业务规则。") { }

    public DomainException(string message) : this("domain.error", message) { }

    public DomainException(string message, Exception innerException) : base(message, innerException) => Code = "domain.error";

    public string Code { get; }

    /// <summary>The refusal is about who the user is (their role may not do this), not about the data: HTTP 403.</summary>
    public bool IsAccessDenial => Code.StartsWith("access.", StringComparison.Ordinal) || Code == "stage.role";
}

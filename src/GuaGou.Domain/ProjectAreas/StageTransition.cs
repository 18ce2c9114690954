namespace GuaGou.Domain.ProjectAreas;

public enum TransitionKind
{
    Filed = 0,
    Advanced = 1,
    Returned = 2,
    ExtensionGranted = 3,
    FirstTradeRecorded = 4,
    ParcelsReplaced = 5,
}

/// <summary>Who acted: kept as values on each record, so history survives renamed or removed accounts.</summary>
public sealed record Actor(Guid UserId, string Name, string RoleCode);

/// <summary>One line of a project area's history: append-only, written by the aggregate itself.</summary>
public sealed class StageTransition
{
    public const int MaxOpinionLength = 2000;

    private StageTransition()
    {
        ActorName = string.Empty;
        ActorRole = string.Empty;
    }

    internal StageTransition(TransitionKind kind, Stage from, Stage to, Actor actor, DateTimeOffset occurredAt,
        DateOnly effectiveOn, DocumentNumber? documentNumber, string? opinion) : this()
    {
        Kind = kind;
        FromStage = from;
        ToStage = to;
        ActorId = actor.UserId;
        ActorName = actor.Name;
        ActorRole = actor.RoleCode;
        OccurredAt = occurredAt;
        EffectiveOn = effectiveOn;
        DocumentNumber = documentNumber;
        Opinion = opinion;
    }

    public long Id { get; private set; }

    public int ProjectAreaId { get; private set; }

    public TransitionKind Kind { get; private set; }

    public Stage FromStage { get; private set; }

    public Stage ToStage { get; private set; }

    public Guid ActorId { get; private set; }

    public string ActorName { get; private set; }

    public string ActorRole { get; private set; }

    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The date it took effect (an approval's date, an acceptance's date), which may precede recording.</summary>
    public DateOnly EffectiveOn { get; private set; }

    public DocumentNumber? DocumentNumber { get; private set; }

    public string? Opinion { get; private set; }
}

namespace GuaGou.Domain.ProjectAreas;

public enum DeadlineStatus
{
    Met = 0,
    OnTrack = 1,
    DueSoon = 2,
    Overdue = 3,
}

/// <summary>A dated obligation of a project area and where it stands on a given day.</summary>
public sealed record Deadline(string Name, DateOnly DueOn, bool Done, string Basis)
{
    /// <summary>003/RULES: warn 60 days ahead.</summary>
    public const int WarningDays = 60;

    public DeadlineStatus StatusOn(DateOnly today) =>
        Done ? DeadlineStatus.Met
        : today > DueOn ? DeadlineStatus.Overdue
        : DueOn.DayNumber - today.DayNumber <= WarningDays ? DeadlineStatus.DueSoon
        : DeadlineStatus.OnTrack;

    public static string ChineseName(DeadlineStatus status) => status switch
    {
        DeadlineStatus.Met => "已完成",
        DeadlineStatus.OnTrack => "正常",
        DeadlineStatus.DueSoon => "60 天内到期",
        DeadlineStatus.Overdue => "已逾期",
        _ => status.ToString(),
    };
}

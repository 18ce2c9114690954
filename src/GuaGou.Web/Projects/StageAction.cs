namespace GuaGou.Web.Projects;

/// <summary>What /projects/{code}/stage/{action} records: the next step, a return, the extension or the first trade.</summary>
public enum StageAction
{
    Advance,
    Return,
    Extension,
    FirstTrade,
}

public static class StageActions
{
    /// <summary>The action of the route's last segment; an unknown one is no page (404).</summary>
    public static StageAction? FromRoute(string? segment) => segment switch
    {
        "advance" => StageAction.Advance,
        "return" => StageAction.Return,
        "extension" => StageAction.Extension,
        "first-trade" => StageAction.FirstTrade,
        _ => null,
    };

    public static string RouteOf(StageAction action) => action switch
    {
        StageAction.Advance => "advance",
        StageAction.Return => "return",
        StageAction.Extension => "extension",
        StageAction.FirstTrade => "first-trade",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}

using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.ProjectAreas;

namespace GuaGou.Web.Components.Pages.ProjectList;

/// <summary>The filter fields of the project list while the user edits them; applied, they become the URL.</summary>
public sealed class ProjectFilter
{
    public int? CountyId { get; set; }
    public int? TownshipId { get; set; }
    public Stage? Stage { get; set; }
    public int? Year { get; set; }
    public ProjectKind? Kind { get; set; }
    public string? Search { get; set; }
    public bool OverdueOnly { get; set; }

    public static ProjectFilter From(ProjectListQuery query) => new()
    {
        CountyId = query.CountyId, TownshipId = query.TownshipId, Stage = query.Stage, Year = query.Year, Kind = query.Kind,
        Search = query.Search, OverdueOnly = query.OverdueOnly,
    };

    /// <summary>The query with these filters; a township of another county is dropped with its county.</summary>
    public ProjectListQuery ApplyTo(ProjectListQuery query) => query with
    {
        CountyId = CountyId,
        TownshipId = CountyId == query.CountyId ? TownshipId : null,
        Stage = Stage,
        Year = Year,
        Kind = Kind,
        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        OverdueOnly = OverdueOnly,
    };
}

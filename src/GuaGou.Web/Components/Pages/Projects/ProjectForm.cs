using System.ComponentModel.DataAnnotations;
using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Web.Components.Pages.Projects;

/// <summary>The project area form's input; the version the user saw travels with it (optimistic concurrency).</summary>
public sealed class ProjectForm
{
    [Range(1, int.MaxValue, ErrorMessage = "请选择所在县（旗、区）。")]
    public int CountyId { get; set; }

    [Required(ErrorMessage = "请填写项目区名称。")]
    [StringLength(ProjectArea.MaxNameLength, ErrorMessage = "项目区名称不能超过 100 个字符。")]
    public string Name { get; set; } = string.Empty;

    [Range(2000, 2100, ErrorMessage = "年度应在 2000–2100 之间。")]
    public int Year { get; set; }

    public ProjectKind Kind { get; set; } = ProjectKind.InCounty;

    public PlanType PlanType { get; set; } = PlanType.ProjectArea;

    [StringLength(ProjectArea.MaxUnitsLength, ErrorMessage = "责任单位不能超过 500 个字符。")]
    public string? ResponsibleUnits { get; set; }

    public uint Version { get; set; }

    public ProjectAreaDetails ToDetails() => new(Name, Year, Kind, PlanType, ResponsibleUnits);
}

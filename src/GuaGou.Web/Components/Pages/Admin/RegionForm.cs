using System.ComponentModel.DataAnnotations;
using GuaGou.Domain.Regions;

namespace GuaGou.Web.Components.Pages.Admin;

/// <summary>A township or village as the administrator types it: its parent (when added), code, name and demo flag.</summary>
public sealed class RegionForm
{
    [Range(1, int.MaxValue, ErrorMessage = "请选择上级行政区。")]
    public int ParentId { get; set; }

    [Required(ErrorMessage = "请填写代码。")]
    public string Code { get; set; } = string.Empty;

    [Required(ErrorMessage = "请填写名称。")]
    [StringLength(Region.MaxNameLength, ErrorMessage = "名称不能超过 64 个字符。")]
    public string Name { get; set; } = string.Empty;

    public bool IsDemoCode { get; set; }
}

using System.ComponentModel.DataAnnotations;
using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Documents;
using GuaGou.Infrastructure.ProjectAreas;
using DocumentNo = GuaGou.Domain.ProjectAreas.DocumentNumber;

namespace GuaGou.Web.Projects;

/// <summary>The input of a stage action; the version the user saw travels with it.</summary>
public sealed class StageActionForm
{
    public uint Version { get; set; }

    /// <summary>The stage the user saw as next: a step someone else took meanwhile is refused, not repeated.</summary>
    public Stage Target { get; set; }

    [Required(ErrorMessage = "请填写日期。")]
    public DateTime? EffectiveOn { get; set; }

    public string? DocumentNumber { get; set; }

    public string? Opinion { get; set; }

    /// <summary>
    /// Records the action through the service; the attachment (advance only) is stored with the step or not at all.
    /// </summary>
    public Task RecordAsync(ProjectAreaService projects, CurrentUser user, ProjectCode code, StageAction action, DocumentUpload? attachment)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(user);
        var on = EffectiveOn is { } date ? DateOnly.FromDateTime(date) : throw new DomainException("stage.date.required", "请填写日期。");
        return action switch
        {
            StageAction.Advance => projects.AdvanceAsync(user, code, Version, Target,
                new StageActionInput(on, DocumentNo.ParseOptional(DocumentNumber), Opinion), attachment),
            StageAction.Return => projects.ReturnAsync(user, code, Version, Opinion ?? "", on),
            StageAction.Extension => projects.GrantExtensionAsync(user, code, Version, DocumentNo.Parse(DocumentNumber), on),
            StageAction.FirstTrade => projects.RecordFirstTradeAsync(user, code, Version, on),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }
}

using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace GuaGou.Infrastructure.Access;

/// <summary>
/// The one definition of which project areas a user may see (docs/security.md): those of the counties under their
/// region; for a township official only those with parcels in their township; for city and province approvers only
/// those submitted for approval ("reached" them). Every service that looks a project up starts from here.
/// </summary>
public static class ProjectScope
{
    public static IQueryable<ProjectArea> Visible(this DbSet<ProjectArea> projects, GuaGouDbContext db, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var prefix = user.ScopePrefix;
        var township = user.OwnTownshipId;
        var minimumStage = user.SeesOnlySubmittedProjects ? Stage.Approval : Stage.Survey;
        return projects
            .Where(p => p.CountyCode.StartsWith(prefix) && p.Stage >= minimumStage)
            .Where(p => township == null || db.Parcels.Any(x => x.ProjectAreaId == p.Id && x.TownshipId == township));
    }
}

using GuaGou.Domain.Households;
using GuaGou.Domain.ProjectAreas;

namespace GuaGou.Domain.Tests.ProjectAreas;

/// <summary>
/// The lifecycle tests' projects have no households; this keeps their calls short. The consent guard itself is
/// tested with real households in Households/ConsentGuardTests.
/// </summary>
internal static class AdvanceWithoutHouseholds
{
    public static void Advance(this ProjectArea project, Stage target, Actor actor, StageActionInput input, DateTimeOffset now) =>
        project.Advance(target, actor, input, now, HouseholdConsent.NoHouseholds);
}

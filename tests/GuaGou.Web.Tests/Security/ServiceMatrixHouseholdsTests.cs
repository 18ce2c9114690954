using GuaGou.Domain.Common;
using GuaGou.Domain.Households;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Households;
using GuaGou.Testing;
using GuaGou.Web.Tests.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GuaGou.Web.Tests.Security.Who;

namespace GuaGou.Web.Tests.Security;

/// <summary>
/// The writes of the interactive household pages, asked of the services those pages call (an interactive form posts
/// nothing over HTTP, so the access matrix's form-post half no longer reaches them): every person of <see cref="Who"/>
/// who may not make the change is refused, and the database stays exactly as it was. Anonymous has no circuit at all
/// (every page is [Authorize]; Operations demands a signed-in user).
/// </summary>
public sealed class ServiceMatrixHouseholdsTests(AccessWorld world) : IClassFixture<AccessWorld>
{
    /// <summary>Only the township official of township A may register and edit township A's households.</summary>
    private static readonly Who[] MayNot = Enum.GetValues<Who>().Where(w => w is not (Anonymous or TownshipClerk)).ToArray();

    private async Task<T> ServiceAsync<TService, T>(Func<TService, Task<T>> call) where TService : notnull
    {
        await using var scope = world.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private static HouseholdData Data(string name) => HouseholdSteps.HouseholdData(name, IdCards.Next(), members: 4);

    private async Task<(int ParcelId, uint Version)> HouseholdAsync()
    {
        await using var db = TestDatabase.CreateContext(world.ConnectionString);
        var household = await db.Households.AsNoTracking().SingleAsync(h => h.Id == world.HouseholdId);
        var version = await ServiceAsync<HouseholdQueries, uint>(async q => (await q.DetailsAsync(world.Users[TownshipClerk], world.HouseholdId))!.Version);
        return (household.ParcelId, version);
    }

    /// <summary>Runs a write as <paramref name="who"/>; a failure text unless it was refused and nothing changed.</summary>
    private async Task<string?> RefusedAsync(Who who, string what, Func<CurrentUser, Task> write)
    {
        var before = await world.FingerprintAsync();
        string? failure = null;
        try
        {
            await write(world.Users[who]);
            failure = $"{what} as {who}: accepted";
        }
        catch (Exception e) when (e is DomainException or NotFoundException)
        {
            // refused: a rule's message (role) or "not found" (out of the person's region)
        }

        return before == await world.FingerprintAsync() ? failure : $"{what} as {who} changed the database" + (failure is null ? "" : "; " + failure);
    }

    [Fact]
    public async Task RegisterAndEdit_ByEveryoneWhoMayNot_AreRefused_AndChangeNothing()
    {
        var (parcelId, version) = await HouseholdAsync();
        var failures = new List<string>();
        foreach (var who in MayNot)
        {
            failures.Add(await RefusedAsync(who, "register", user =>
                ServiceAsync<HouseholdService, int>(s => s.RegisterAsync(user, parcelId, Data("越权登记")))) ?? "");
            failures.Add(await RefusedAsync(who, "edit", user => ServiceAsync<HouseholdService, bool>(async s =>
            {
                await s.UpdateAsync(user, world.HouseholdId, version, Data("越权修改"));
                return true;
            })) ?? "");
        }

        failures.RemoveAll(f => f.Length == 0);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task TheOfficialOfAnotherTownship_IsToldNotFound_ExactlyAsForARecordThatDoesNotExist()
    {
        var (parcelId, version) = await HouseholdAsync();
        var user = world.Users[OtherTownshipClerk];
        async Task<string> EditRefusal(int id) => (await Assert.ThrowsAsync<NotFoundException>(() => ServiceAsync<HouseholdService, bool>(async s =>
        {
            await s.UpdateAsync(user, id, version, Data("越界修改"));
            return true;
        }))).Message;

        Assert.Equal(await EditRefusal(987_654_321), await EditRefusal(world.HouseholdId));
        await Assert.ThrowsAsync<NotFoundException>(() => ServiceAsync<HouseholdService, int>(s => s.RegisterAsync(user, parcelId, Data("越界登记"))));
    }
}

using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Audit;
using GuaGou.Infrastructure.ProjectAreas;
using GuaGou.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GuaGou.Web.Tests.Audit;

/// <summary>
/// The audit table itself and the interceptor, below the web layer: append-only for the role the application connects as
/// (its privileges) and for the owner (a trigger), and entity writes recorded with their real keys, in the same transaction as the change.
/// </summary>
public sealed class AuditTableTests
{
    private static readonly AuditActor Tester = new(Guid.NewGuid(), "tester", "测试员", Roles.CountyClerk, "150421", "192.0.2.7", "req-42");

    [Theory]
    [InlineData("UPDATE guagou.audit_log SET user_name = 'forged'")]
    [InlineData("DELETE FROM guagou.audit_log")]
    [InlineData("TRUNCATE guagou.audit_log")]
    public async Task AuditLog_WhenTheApplicationRoleChangesOrRemovesRows_IsRefusedByItsPrivileges(string sql)
    {
        var connectionString = await TestDatabase.CreateMigratedAsync("audit_table");

        var refused = await RefusedChangeAsync(connectionString, sql);

        Assert.Contains("permission denied for table audit_log", refused.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE guagou.audit_log SET user_name = 'forged'")]
    [InlineData("DELETE FROM guagou.audit_log")]
    [InlineData("TRUNCATE guagou.audit_log")]
    public async Task AuditLog_WhenTheOwnerChangesOrRemovesRows_IsRefusedByTheTrigger(string sql)
    {
        var connectionString = TestDatabase.AsOwner(await TestDatabase.CreateMigratedAsync("audit_owner"));
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            // Privileges cannot restrain a table's owner (migrations run as it); the trigger does.
            Assert.True((bool)(await Scalar(connection, "SELECT tableowner = current_user FROM pg_tables WHERE schemaname = 'guagou' AND tablename = 'audit_log'"))!);
        }

        var refused = await RefusedChangeAsync(connectionString, sql);

        Assert.Contains("审计日志只能追加", refused.MessageText, StringComparison.Ordinal);
    }

    /// <summary>Appends a row, runs the change, and checks it was refused and changed nothing.</summary>
    private static async Task<PostgresException> RefusedChangeAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await Scalar(connection, "INSERT INTO guagou.audit_log (occurred_at, user_name, action, entity_type) VALUES (now(), 'someone', 'create', 'Test')");
        var rows = (long)(await Scalar(connection, "SELECT count(*) FROM guagou.audit_log"))!;

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Scalar(connection, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Equal(rows, (long)(await Scalar(connection, "SELECT count(*) FROM guagou.audit_log"))!);
        Assert.Equal(0L, (long)(await Scalar(connection, "SELECT count(*) FROM guagou.audit_log WHERE user_name = 'forged'"))!);
        return refused;
    }

    [Fact]
    public async Task Seeding_IsRecordedAsTheSystem()
    {
        var connectionString = await TestDatabase.CreateMigratedAsync("audit_seed");
        await using var db = TestDatabase.CreateContext(connectionString);

        var seeded = await db.AuditLog.Where(e => e.EntityType == "Region" && e.Action == AuditActions.Create).ToListAsync();

        Assert.NotEmpty(seeded);
        Assert.All(seeded, e => Assert.Equal(AuditActor.SystemName, e.UserName));
    }

    [Fact]
    public async Task Create_RecordsTheDatabaseGeneratedKeyAndTheActor()
    {
        var (services, user) = await ServicesAsync();
        await using var _ = services;
        var code = await FileAsync(services, user, "审计新建项目区");

        await using var db = TestDatabase.CreateContext(ConnectionString(services));
        var project = await db.ProjectAreas.SingleAsync(p => p.Code == code);
        var row = await db.AuditLog.SingleAsync(e => e.EntityType == "ProjectArea" && e.Action == AuditActions.Create && e.EntityId == project.Id.ToString());
        Assert.Equal(("ProjectArea", project.Id.ToString()), (row.RecordType, row.RecordId));
        Assert.Equal((Tester.UserId, Tester.UserName, Tester.DisplayName, Tester.RoleCode, Tester.RegionCode, Tester.ClientIp, Tester.RequestId),
            (row.UserId, row.UserName, row.DisplayName, row.RoleCode, row.RegionCode, row.ClientIp, row.RequestId));
        Assert.Null(row.Before);
        Assert.Contains("\"Name\": \"审计新建项目区\"", row.After!, StringComparison.Ordinal);
        Assert.Contains($"\"Code\": \"{code}\"", row.After!, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, row.OccurredAt.Offset);
        // The filing's stage step belongs to the project's history too, under its own (generated) id.
        var step = await db.StageTransitions.SingleAsync(t => t.ProjectAreaId == project.Id);
        Assert.True(await db.AuditLog.AnyAsync(e => e.Action == AuditActions.StageTransition && e.EntityId == step.Id.ToString()
            && e.RecordType == "ProjectArea" && e.RecordId == project.Id.ToString()));
    }

    [Fact]
    public async Task Update_RecordsOnlyTheChangedFields_BeforeAndAfter_WithoutTheRowVersion()
    {
        var (services, user) = await ServicesAsync();
        await using var _ = services;
        var code = await FileAsync(services, user, "改名之前");

        await using (var scope = services.CreateAsyncScope())
        {
            var version = (await scope.ServiceProvider.GetRequiredService<ProjectAreaQueries>().DetailsAsync(user, code))!.Version;
            await scope.ServiceProvider.GetRequiredService<ProjectAreaService>().UpdateDetailsAsync(user, code, version,
                new ProjectAreaDetails("改名之后", 2026, ProjectKind.InCounty, PlanType.ProjectArea, "旗自然资源局"));
        }

        await using var db = TestDatabase.CreateContext(ConnectionString(services));
        var id = (await db.ProjectAreas.SingleAsync(p => p.Code == code)).Id.ToString();
        var row = await db.AuditLog.SingleAsync(e => e.EntityType == "ProjectArea" && e.EntityId == id && e.Action == AuditActions.Update);
        var changes = AuditQueries.Changes(row.Before, row.After, mask: false).ToDictionary(c => c.Field);
        Assert.Equal(("改名之前", "改名之后"), (changes["Name"].Before, changes["Name"].After));
        Assert.True(changes.ContainsKey("UpdatedAt"));
        Assert.DoesNotContain("Version", changes.Keys);
        Assert.DoesNotContain("Year", changes.Keys); // unchanged fields are not repeated
    }

    [Fact]
    public async Task RefusedSave_LeavesNoAuditRow_AndTheNextSaveIsRecorded()
    {
        var (services, user) = await ServicesAsync();
        await using var _ = services;
        var code = await FileAsync(services, user, "并发冲突");
        await using var db = TestDatabase.CreateContext(ConnectionString(services));
        var before = await db.AuditLog.CountAsync();

        await using (var scope = services.CreateAsyncScope())
        {
            var projects = scope.ServiceProvider.GetRequiredService<ProjectAreaService>();
            var stale = await Assert.ThrowsAsync<DomainException>(() => projects.UpdateDetailsAsync(user, code, version: 1,
                new ProjectAreaDetails("不应保存", 2026, ProjectKind.InCounty, PlanType.ProjectArea, null)));
            Assert.Equal("concurrency.conflict", stale.Code);
        }

        Assert.Equal(before, await db.AuditLog.CountAsync());
        await FileAsync(services, user, "之后的新建");
        Assert.True(await db.AuditLog.CountAsync() > before);
    }

    [Fact]
    public async Task CallersTransaction_RolledBack_TakesTheAuditRowsWithIt()
    {
        var connectionString = await TestDatabase.CreateMigratedAsync("audit_rollback");
        await using var db = TestDatabase.CreateContext(connectionString);
        var before = await db.AuditLog.CountAsync();
        var region = new Region(RegionCode.Parse("150421199"), "审计测试乡", await db.Regions.SingleAsync(r => r.Code == RegionCode.Parse("150421")), isDemoCode: true);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Regions.Add(region);
            await db.SaveChangesAsync();
            Assert.Equal(before + 1, await db.AuditLog.CountAsync()); // written inside the caller's transaction …
            await transaction.RollbackAsync();
        }

        await using var fresh = TestDatabase.CreateContext(connectionString);
        Assert.Equal(before, await fresh.AuditLog.CountAsync()); // … and gone with it
        Assert.False(await fresh.Regions.AnyAsync(r => r.Code == RegionCode.Parse("150421199")));
    }

    /// <summary>The infrastructure as the CLI builds it, but with a known actor in place of the system.</summary>
    private static async Task<(ServiceProvider Services, CurrentUser User)> ServicesAsync()
    {
        var connectionString = await TestDatabase.CreateMigratedAsync("audit_services");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new($"ConnectionStrings:{DependencyInjection.ConnectionStringName}", connectionString)])
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddScoped<IAuditContext>(_ => new FixedActor(Tester))
            .AddGuaGouInfrastructure()
            .BuildServiceProvider();
        await using var db = TestDatabase.CreateContext(connectionString);
        var county = await db.Regions.SingleAsync(r => r.Code == RegionCode.Parse("150421"));
        return (services, new CurrentUser(Tester.UserId!.Value, Tester.DisplayName!, Roles.CountyClerk, county.Code, county.Id));
    }

    private static string ConnectionString(ServiceProvider services) =>
        DependencyInjection.ConnectionString(services.GetRequiredService<IConfiguration>());

    private static async Task<ProjectCode> FileAsync(ServiceProvider services, CurrentUser user, string name)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProjectAreaService>().FileAsync(user, user.RegionId,
            new ProjectAreaDetails(name, 2026, ProjectKind.InCounty, PlanType.ProjectArea, "旗自然资源局"));
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private sealed class FixedActor(AuditActor actor) : IAuditContext
    {
        public AuditActor Actor => actor;
    }
}

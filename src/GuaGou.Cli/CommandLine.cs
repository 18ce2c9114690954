using System.Security.Cryptography;
using GuaGou.Domain.Access;
using GuaGou.Domain.Common;
using GuaGou.Domain.Regions;
using GuaGou.Infrastructure;
using GuaGou.Infrastructure.Documents;
using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GuaGou.Cli;

/// <summary>
/// <c>guagou</c>: the operators' tool. The database comes from ConnectionStrings__GuaGou (as for the web app)
/// or <c>--connection</c>. Exit codes: 0 done, 1 refused (the reason is printed in Chinese), 2 usage error.
/// </summary>
public static class CommandLine
{
    private const string Usage = """
        guagou — 城乡建设用地增减挂钩管理系统 运维命令

          guagou migrate [--app-role 角色名]      以数据库所有者角色应用迁移，再授予应用角色（默认 guagou_app）读写数据的权限
          guagou seed [--demo]                   写入基础数据（角色、行政区）；--demo 在空库中加入演示账户
          guagou users list                      列出用户
          guagou users add --user 用户名 --name 姓名 --role 角色代码 --region 行政区划代码 [--password-stdin]
                                                 新增用户；未给密码时生成一次性密码，首次登录须修改
          guagou roles                           列出角色代码
          guagou parcels inspect 文件 [--json]     读取坐标文件，列出地块、面积和问题（不连数据库）
                                                 退出码：0 无错误，1 有错误，2 文件无法读取
          guagou parcels import 文件 --project 项目区编号 --zone 拆旧|建新 --user 县局经办人用户名 --township 乡镇名称或代码
                 [--land-class 缺省地类] [--use 建新规划用途] [--direction 耕地|林地|草地|保留建设用地]
                                                 与网页导入相同：检查无误后一次性替换该区地块，原有地块保留为历史版本
          guagou documents sweep [--grace-minutes 60]
                                                 清理文档存储中没有数据库记录的文件（崩溃遗留）和过期的暂存文件

        数据库连接：环境变量 ConnectionStrings__GuaGou，或 --connection "Host=…;Database=…"
        """;

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var options = Options.Parse(args);
        if (options.Positional.Count == 0 || options.Has("help") || options.Positional[0] is "help")
        {
            await output.WriteLineAsync(Usage);
            return options.Positional.Count == 0 && !options.Has("help") ? 2 : 0;
        }

        try
        {
            switch (options.Positional[0], options.Positional.ElementAtOrDefault(1))
            {
                case ("roles", _):
                    foreach (var role in Roles.All)
                    {
                        await output.WriteLineAsync($"{role.Code,-20}{role.ChineseName}（{role.RegionLevel.ChineseName()}）：{role.Duty}");
                    }

                    return 0;
                case ("migrate", _):
                    return await WithServicesAsync(options, async services => await MigrateAsync(services, options, output));
                case ("seed", _):
                    return await WithServicesAsync(options, async services =>
                    {
                        var added = await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
                        await output.WriteLineAsync($"基础数据：新增 {added} 项。");
                        if (options.Has("demo"))
                        {
                            var seeded = await services.GetRequiredService<DemoDataSeeder>().SeedAsync();
                            await output.WriteLineAsync(seeded ? "已写入演示数据。" : "数据库中已有用户，未写入演示数据。");
                        }
                    });
                case ("documents", "sweep"):
                    return await WithServicesAsync(options, async services =>
                    {
                        var minutes = int.TryParse(options.Value("grace-minutes"), out var m) && m >= 0 ? m : 60;
                        var removed = await services.GetRequiredService<DocumentService>().SweepOrphansAsync(TimeSpan.FromMinutes(minutes), CancellationToken.None);
                        await output.WriteLineAsync($"文档存储：清理 {removed} 个遗留文件。");
                    });
                case ("parcels", "inspect"):
                    return await ParcelCommands.InspectAsync(
                        options.Positional.ElementAtOrDefault(2) ?? throw new UsageException("缺少文件路径。"), options.Has("json"), output, error);
                case ("parcels", "import"):
                    return await ImportWithServicesAsync(options, input: options.Positional.ElementAtOrDefault(2)
                        ?? throw new UsageException("缺少文件路径。"), output, error);
                case ("users", "list"):
                    return await WithServicesAsync(options, async services => await ListUsersAsync(services, output));
                case ("users", "add"):
                    return await WithServicesAsync(options, async services => await AddUserAsync(services, options, input, output));
                default:
                    await error.WriteLineAsync($"未知命令：{string.Join(' ', options.Positional)}\n\n{Usage}");
                    return 2;
            }
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"{e.Message}\n\n{Usage}");
            return 2;
        }
        catch (DomainException e)
        {
            await error.WriteLineAsync($"错误：{e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Migrates, then grants the application role its privileges. A role named with --app-role must exist; the default
    /// one may be missing (a database without the two roles, e.g. a developer's), which is said, not hidden.
    /// </summary>
    private static async Task MigrateAsync(IServiceProvider services, Options options, TextWriter output)
    {
        var appRole = options.Value("app-role");
        if (appRole is null && await DatabaseRoles.ExistsAsync(services.GetRequiredService<GuaGouDbContext>(), DatabaseRoles.AppRole))
        {
            appRole = DatabaseRoles.AppRole;
        }

        var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(appRole);
        await output.WriteLineAsync(applied.Count == 0 ? "数据库已是最新。" : $"已应用迁移：{string.Join(", ", applied)}");
        await output.WriteLineAsync(appRole is null
            ? $"注意：数据库中没有应用角色 {DatabaseRoles.AppRole}，未授予任何权限（deploy/run.sh 会创建它）。"
            : $"已授予应用角色 {appRole} 读写数据的权限。");
    }

    private static async Task ListUsersAsync(IServiceProvider services, TextWriter output)
    {
        var db = services.GetRequiredService<GuaGouDbContext>();
        var rows = await db.Users.AsNoTracking()
            .OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.UserName,
                u.DisplayName,
                Region = u.Region == null ? "" : u.Region.Name,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
            })
            .ToListAsync();
        foreach (var row in rows)
        {
            var roles = string.Join("、", row.Roles.Select(r => Roles.ChineseName(r ?? "")));
            await output.WriteLineAsync($"{row.UserName,-20}{row.DisplayName}（{roles}，{row.Region}）");
        }
    }

    private static async Task AddUserAsync(IServiceProvider services, Options options, TextReader input, TextWriter output)
    {
        var password = options.Has("password-stdin") ? (await input.ReadLineAsync())?.TrimEnd('\r', '\n') : null;
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            // 18 random bytes → 24 URL-safe characters: well above the 12-character minimum.
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        }

        var user = await services.GetRequiredService<UserAdministration>().AddAsync(new NewUser(
            options.Required("user"), options.Required("name"), password!, options.Required("role"), options.Required("region"),
            MustChangePassword: true));
        await output.WriteLineAsync($"已创建用户 {user.UserName}（{user.DisplayName}）。首次登录须修改密码。");
        if (generated)
        {
            await output.WriteLineAsync($"一次性密码：{password}");
        }
    }

    private static async Task<int> ImportWithServicesAsync(Options options, string input, TextWriter output, TextWriter error)
    {
        var exit = 0;
        await WithServicesAsync(options, async services => exit = await ParcelCommands.ImportAsync(services, input, options.Required("project"),
            options.Required("zone"), options.Required("user"), options.Required("township"), options.Value("land-class"), options.Value("use"),
            options.Value("direction"),
            output, error));
        return exit;
    }

    private static async Task<int> WithServicesAsync(Options options, Func<IServiceProvider, Task> action)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection(options.Value("connection") is { } connection
                ? [new KeyValuePair<string, string?>($"ConnectionStrings:{DependencyInjection.ConnectionStringName}", connection)]
                : [])
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddGuaGouInfrastructure();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await action(scope.ServiceProvider);
        return 0;
    }
}

internal sealed class UsageException(string message) : Exception(message);

/// <summary>Positional words and <c>--name value</c> / <c>--flag</c> options; small enough not to need a library.</summary>
internal sealed class Options
{
    /// <summary>Options that never take a value, so "--demo x" leaves x positional.</summary>
    private static readonly HashSet<string> Flags = ["demo", "password-stdin", "help", "json"];

    private readonly Dictionary<string, string?> named = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                var hasValue = !Flags.Contains(name) && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                options.named[name] = hasValue ? args[++i] : null;
            }
            else
            {
                options.Positional.Add(args[i]);
            }
        }

        return options;
    }

    public bool Has(string name) => named.ContainsKey(name);

    public string? Value(string name) => named.TryGetValue(name, out var value) ? value : null;

    public string Required(string name) =>
        Value(name) is { Length: > 0 } value ? value : throw new UsageException($"缺少参数 --{name}。");
}

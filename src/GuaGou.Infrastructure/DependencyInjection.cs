using GuaGou.Infrastructure.Audit;
using GuaGou.Infrastructure.Documents;
using GuaGou.Infrastructure.Households;
using GuaGou.Infrastructure.Identity;
using GuaGou.Infrastructure.Parcels;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Infrastructure.ProjectAreas;
using GuaGou.Infrastructure.Regions;
using GuaGou.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GuaGou.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "GuaGou";

    /// <summary>
    /// The database, Identity's stores and rules, and the services the web app and the CLI share. The
    /// connection string is read when the context is created, so tests can point a host at their own database.
    /// </summary>
    public static IServiceCollection AddGuaGouInfrastructure(this IServiceCollection services)
    {
        services.AddDbContext<GuaGouDbContext>((provider, options) =>
            ConfigureDbContext(options, ConnectionString(provider.GetRequiredService<IConfiguration>()), provider.GetRequiredService<AuditInterceptor>()));
        // The web app replaces the actor with the signed-in user (HttpAuditContext); the CLI and seeders act as the system.
        services.TryAddScoped<IAuditContext>(_ => SystemAuditContext.Instance);
        services.AddScoped<AuditInterceptor>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditQueries>();
        services.AddSingleton(TimeProvider.System);
        services.AddIdentityCore<AppUser>(ConfigureIdentity)
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<GuaGouDbContext>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<GuaGouClaimsPrincipalFactory>()
            .AddGuaGouPasswordPolicy();
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<ProjectAreaService>();
        services.AddScoped<ProjectAreaQueries>();
        services.AddScoped<RegionAdministration>();
        services.AddScoped<ParcelOverlapChecker>();
        services.AddScoped<ParcelImportService>();
        services.AddSingleton<ParcelPreviewCache>();
        services.AddScoped<ParcelExports>();
        services.AddScoped<ParcelVersions>();
        services.AddScoped<ReferenceLayerService>();
        services.AddOptions<ParcelImportOptions>().BindConfiguration("GuaGou:Parcels");
        services.AddOptions<DocumentStoreOptions>().BindConfiguration("GuaGou:Documents")
            .PostConfigure<IConfiguration>((options, configuration) => options.Root = DocumentRoot(options, configuration));
        services.AddSingleton<IDocumentStorage, LocalFileDocumentStorage>();
        services.AddSingleton<ThumbnailMaker>();
        services.AddScoped<DocumentService>();
        services.AddScoped<HouseholdService>();
        services.AddScoped<HouseholdQueries>();
        services.AddScoped<HomesteadStandardAdministration>();
        return services;
    }

    /// <summary>
    /// Documents live outside the web root: GuaGou:Documents:Root if set, else "documents" in the installation's data
    /// directory (deploy/run.sh sets GuaGou:DataDirectory), else .data/documents under the working directory.
    /// </summary>
    private static string DocumentRoot(DocumentStoreOptions options, IConfiguration configuration) =>
        options.Root is { Length: > 0 } root ? root
        : configuration["GuaGou:DataDirectory"] is { Length: > 0 } data ? Path.Combine(data, "documents")
        : Path.Combine(Environment.CurrentDirectory, ".data", "documents");

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"未配置数据库连接字符串 ConnectionStrings:{ConnectionStringName}（环境变量 ConnectionStrings__{ConnectionStringName}）。");

    /// <summary>Every context records its writes in the audit trail; without an interceptor given, the system is the actor.</summary>
    public static void ConfigureDbContext(DbContextOptionsBuilder options, string connectionString, AuditInterceptor? audit = null) =>
        options
            .AddInterceptors(audit ?? new AuditInterceptor(SystemAuditContext.Instance, TimeProvider.System))
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsHistoryTable(GuaGouDbContext.MigrationsHistoryTable, GuaGouDbContext.Schema)
                .MigrationsAssembly(typeof(GuaGouDbContext).Assembly.FullName))
            // Hand-written migrations carry no model snapshot; the schema-drift test is what keeps them honest.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    private static void ConfigureIdentity(IdentityOptions options)
    {
        // Length over composition rules (ASVS 2.1); common passwords and hashing: PasswordPolicy.
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 4;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.User.RequireUniqueEmail = false;
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
    }
}

using GuaGou.Infrastructure.Documents;

namespace GuaGou.Web.Hosting;

/// <summary>
/// Removes document files that never got their database row (a crash between publishing and committing) and stale
/// staging files: shortly after start, then every six hours. Files younger than an hour are spared, because an
/// upload in flight is published before its row commits.
/// </summary>
public sealed class DocumentSweeper(IServiceScopeFactory scopes, ILogger<DocumentSweeper> log) : BackgroundService
{
    public static readonly TimeSpan GraceAge = TimeSpan.FromHours(1);
    private static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                await SweepOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DocumentService>().SweepOrphansAsync(GraceAge, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed sweep (database down, say) is retried at the next interval; it must not stop the site.
            log.LogWarning(e, "Document sweep failed");
        }
    }
}

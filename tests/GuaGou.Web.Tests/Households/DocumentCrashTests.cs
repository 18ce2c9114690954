using GuaGou.Domain.Common;
using GuaGou.Domain.Documents;
using GuaGou.Domain.Households;
using GuaGou.Infrastructure;
using GuaGou.Infrastructure.Access;
using GuaGou.Infrastructure.Documents;
using GuaGou.Infrastructure.Households;
using GuaGou.Infrastructure.Persistence;
using GuaGou.Testing;
using GuaGou.Web.Tests.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GuaGou.Web.Tests.Households;

/// <summary>
/// The upload protocol under failure: the file is published before the row is committed, so a failed commit must
/// remove the file again, and a process that dies in between leaves only a file without a row, which the orphan sweep
/// removes (files that do have rows are kept). Faults are injected into the real services over the real database and
/// the host's own document store.
/// </summary>
public sealed class DocumentCrashTests(GuaGouAppFactory app) : IClassFixture<GuaGouAppFactory>
{
    /// <summary>Fails every save, after noting which document files were already on disk at that moment.</summary>
    private sealed class FailingCommit(string filesRoot) : SaveChangesInterceptor
    {
        public List<(string Key, bool OnDisk)> Seen { get; } = [];

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            foreach (var entry in eventData.Context!.ChangeTracker.Entries<StoredDocument>().Where(e => e.State == EntityState.Added))
            {
                foreach (var key in new[] { entry.Entity.StorageKey, entry.Entity.ThumbnailKey }.OfType<string>())
                {
                    Seen.Add((key, File.Exists(Path.Combine(filesRoot, key))));
                }
            }

            throw new InvalidOperationException("injected: the database connection was lost before the commit");
        }
    }

    /// <summary>A service scope of our own over the host's database and document store, optionally with a failing commit.</summary>
    private sealed class Scope : IAsyncDisposable
    {
        public Scope(GuaGouAppFactory app, SaveChangesInterceptor? interceptor)
        {
            var options = new DbContextOptionsBuilder<GuaGouDbContext>();
            DependencyInjection.ConfigureDbContext(options, app.ConnectionString);
            if (interceptor is not null)
            {
                options.AddInterceptors(interceptor);
            }

            Db = new GuaGouDbContext(options.Options);
            Documents = new DocumentService(Db, app.Services.GetRequiredService<IDocumentStorage>(), app.Services.GetRequiredService<ThumbnailMaker>(),
                app.Services.GetRequiredService<IOptions<DocumentStoreOptions>>(), TimeProvider.System, NullLogger<DocumentService>.Instance);
            Households = new HouseholdService(Db, Documents, TimeProvider.System);
        }

        public GuaGouDbContext Db { get; }

        public DocumentService Documents { get; }

        public HouseholdService Households { get; }

        public ValueTask DisposeAsync() => Db.DisposeAsync();
    }

    private string FilesRoot => Path.Combine(app.DocumentRoot, "files");

    private async Task<(ProjectPages Township, CurrentUser User, int HouseholdId)> HouseholdAsync(string name)
    {
        var clerk = await HouseholdSteps.CountyClerkAsync(app);
        var township = await HouseholdSteps.TownshipClerkAsync(app);
        var code = await HouseholdSteps.ProjectAsync(clerk, name, ("CJ01", Places.TownshipAName));
        var id = await township.RegisterAsync(app, code, "CJ01", "李崩溃");
        return (township, await ProjectPages.CurrentUserAsync(app, township), id);
    }

    [Fact]
    public async Task Upload_WhoseCommitFails_LeavesNoRowAndRemovesThePublishedFileAndThumbnail()
    {
        var (_, user, id) = await HouseholdAsync("提交失败测试项目区");
        var before = await StoreState.OfAsync(app);
        var failing = new FailingCommit(FilesRoot);

        await using (var scope = new Scope(app, failing))
        {
            await using var photo = new MemoryStream(Samples.Png("commit-fails"));
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                scope.Households.UploadAsync(user, id, DocumentPurpose.PhotoBeforeDemolition, new DocumentUpload(photo, "拆除前.png"), null));
            Assert.StartsWith("injected", error.Message, StringComparison.Ordinal);
        }

        // The file and its thumbnail were durable before the commit was tried (never a row without a file) …
        Assert.Equal(2, failing.Seen.Count);
        Assert.All(failing.Seen, s => Assert.True(s.OnDisk, $"{s.Key} was not on disk when the row was committed"));
        // … and both were removed when the commit failed (never a file without a row).
        Assert.All(failing.Seen, s => Assert.False(File.Exists(Path.Combine(FilesRoot, s.Key)), $"{s.Key} was left behind"));
        Assert.Equal(before, await StoreState.OfAsync(app));
    }

    [Fact]
    public async Task AgreementWithScan_WhoseCommitFails_RecordsNoAgreementAndLeavesNoFile()
    {
        var (_, user, id) = await HouseholdAsync("协议提交失败测试项目区");
        var before = await StoreState.OfAsync(app);
        var failing = new FailingCommit(FilesRoot);
        uint version;
        await using (var services = app.Services.CreateAsyncScope())
        {
            version = (await services.ServiceProvider.GetRequiredService<HouseholdQueries>().DetailsAsync(user, id))!.Version;
        }

        await using (var scope = new Scope(app, failing))
        {
            await using var scan = new MemoryStream(Samples.Pdf("consent-commit-fails"));
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.Households.RecordAgreementAsync(user, id, version, AgreementKind.Consent,
                ChinaTime.Today(DateTimeOffset.UtcNow).AddDays(-1), "李崩溃", null, new DocumentUpload(scan, "同意书.pdf")));
        }

        Assert.Single(failing.Seen);
        Assert.True(failing.Seen[0].OnDisk);
        Assert.False(File.Exists(Path.Combine(FilesRoot, failing.Seen[0].Key)));
        Assert.Equal(before, await StoreState.OfAsync(app));
        await using var check = TestDatabase.CreateContext(app.ConnectionString);
        Assert.False((await check.Households.Include(h => h.Agreements).SingleAsync(h => h.Id == id)).HasConsent);
    }

    [Fact]
    public async Task ProcessDyingBetweenPublishAndCommit_LeavesOnlyAnOrphanFile_WhichTheSweepRemovesWhileKeepingFilesWithRows()
    {
        var (township, user, id) = await HouseholdAsync("崩溃清理测试项目区");

        // A document stored properly (row and file, and a thumbnail for the photo).
        var kept = Samples.Png("kept");
        Assert.Equal($"/households/{id}", (await township.UploadAsync(id, kept, "保留的照片.png")).RedirectTarget());
        StoredDocument keptRow;
        DocumentLinks links;
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            keptRow = await db.Documents.SingleAsync(d => d.HouseholdId == id);
            var household = await db.Households.SingleAsync(h => h.Id == id);
            links = new DocumentLinks(household.ProjectAreaId, household.ParcelId, household.Id, null, household.TownshipId);
        }

        Assert.NotNull(keptRow.ThumbnailKey);

        // The "crash": the file is published and its row added, but the scope ends without saving.
        string orphanKey;
        await using (var scope = new Scope(app, interceptor: null))
        {
            await using var scan = new MemoryStream(Samples.Pdf("orphan"));
            var added = await scope.Documents.AddAsync(user, new DocumentUpload(scan, "同意书.pdf"), DocumentPurpose.ConsentScan, links, null, null,
                CancellationToken.None);
            orphanKey = added.StorageKey;
        }

        Assert.True(File.Exists(Path.Combine(FilesRoot, orphanKey)));
        await using (var db = TestDatabase.CreateContext(app.ConnectionString))
        {
            Assert.False(await db.Documents.AnyAsync(d => d.StorageKey == orphanKey));
        }

        // A staging file left by a crash during an upload, two hours old.
        var staging = Path.Combine(app.DocumentRoot, "staging");
        Directory.CreateDirectory(staging);
        var leftover = Path.Combine(staging, Guid.NewGuid().ToString("N") + ".part");
        await File.WriteAllBytesAsync(leftover, [1, 2, 3]);
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddHours(-2));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var documents = scope.ServiceProvider.GetRequiredService<DocumentService>();

            // Within the grace period an unreferenced file may be an upload in flight: it stays.
            Assert.Equal(1, await documents.SweepOrphansAsync(TimeSpan.FromHours(1), CancellationToken.None));
            Assert.False(File.Exists(leftover));
            Assert.True(File.Exists(Path.Combine(FilesRoot, orphanKey)));

            await Task.Delay(20);
            Assert.Equal(1, await documents.SweepOrphansAsync(TimeSpan.Zero, CancellationToken.None));
        }

        Assert.False(File.Exists(Path.Combine(FilesRoot, orphanKey)));
        Assert.True(File.Exists(Path.Combine(FilesRoot, keptRow.StorageKey)));
        Assert.True(File.Exists(Path.Combine(FilesRoot, keptRow.ThumbnailKey!)));
        Assert.Equal(kept, await township.Client.GetByteArrayAsync($"/documents/{keptRow.Id}"));
        var thumbnail = await township.Client.GetAsync($"/documents/{keptRow.Id}/thumbnail");
        Assert.Equal(System.Net.HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
    }
}

using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace GuaGou.Infrastructure.Parcels;

/// <summary>
/// The checked contents of pending imports, kept between requests so that the preview page, its map's GeoJSON and
/// every reload share one read + check of the file instead of each repeating it (a 10 000-parcel file takes seconds).
/// One entry per import and stage (the file's own checks; the checks against the database), each tagged with what it
/// was computed from (field mapping, EPSG, project version): a different tag recomputes. Concurrent requests for the
/// same import wait for one computation (a lock per import, striped). Entries are sized by vertices, so the cache's
/// memory is bounded; <see cref="Forget"/> drops an import's entries when its fields are chosen again, or it is
/// committed or discarded.
/// </summary>
public sealed class ParcelPreviewCache : IDisposable
{
    private readonly MemoryCache cache;
    private readonly SemaphoreSlim[] locks = Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly TimeSpan slidingExpiration;
    private long computations;

    public ParcelPreviewCache(IOptions<ParcelImportOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.PreviewCacheVertices });
        slidingExpiration = TimeSpan.FromMinutes(options.Value.PreviewCacheMinutes);
    }

    /// <summary>How many times a file has been read and checked since start: observable evidence that a reload did not.</summary>
    public long FileChecks => Interlocked.Read(ref computations);

    public enum Stage { File, Database }

    private sealed record Entry(string Tag, object Value);

    /// <summary>The value cached for (import, stage) if computed from <paramref name="tag"/>; else computes, caches and returns it.</summary>
    public async Task<T> GetOrComputeAsync<T>(Guid importId, Stage stage, string tag, Func<Task<(T Value, long Size)>> compute, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(compute);
        var key = (importId, stage);
        if (cache.TryGetValue(key, out Entry? hit) && hit!.Tag == tag)
        {
            return (T)hit.Value;
        }

        var gate = locks[(int)((uint)importId.GetHashCode() % (uint)locks.Length)];
        await gate.WaitAsync(ct);
        try
        {
            // Another request may have computed it while this one waited.
            if (cache.TryGetValue(key, out hit) && hit!.Tag == tag)
            {
                return (T)hit.Value;
            }

            if (stage == Stage.File)
            {
                Interlocked.Increment(ref computations);
            }

            var (value, size) = await compute();
            cache.Set(key, new Entry(tag, value), new MemoryCacheEntryOptions
            {
                Size = Math.Max(1, size),
                SlidingExpiration = slidingExpiration,
                // The database stage goes stale when other projects commit; the commit checks again anyway.
                AbsoluteExpirationRelativeToNow = slidingExpiration * 3,
            });
            return value;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Forget(Guid importId)
    {
        cache.Remove((importId, Stage.File));
        cache.Remove((importId, Stage.Database));
    }

    public void Dispose()
    {
        cache.Dispose();
        foreach (var gate in locks)
        {
            gate.Dispose();
        }
    }
}

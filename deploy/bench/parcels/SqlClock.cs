using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GuaGou.Bench.Parcels;

/// <summary>
/// Listens to EF Core's diagnostic events (no change to the application's services): the time spent executing SQL
/// commands, and the span of SaveChanges from its start (change detection included) to its end. Only the three
/// events it needs are enabled, so EF does not build event data for anything else (its per-entity tracking events).
/// </summary>
internal sealed class SqlClock : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly HashSet<string> Events =
        [RelationalEventId.CommandExecuted.Name!, CoreEventId.SaveChangesStarting.Name!, CoreEventId.SaveChangesCompleted.Name!];

    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable all;
    private long commandTicks;
    private int commands;
    private long saveStarted;
    private long saveTicks;

    public SqlClock() => all = DiagnosticListener.AllListeners.Subscribe(this);

    public TimeSpan CommandTime => TimeSpan.FromTicks(Interlocked.Read(ref commandTicks));

    public int Commands => commands;

    public TimeSpan SaveChangesTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref saveTicks));

    public void Reset()
    {
        Interlocked.Exchange(ref commandTicks, 0);
        Interlocked.Exchange(ref commands, 0);
        Interlocked.Exchange(ref saveTicks, 0);
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this, name => Events.Contains(name)));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        switch (value.Value)
        {
            case CommandExecutedEventData executed:
                Interlocked.Add(ref commandTicks, executed.Duration.Ticks);
                Interlocked.Increment(ref commands);
                break;
            case SaveChangesCompletedEventData:
                Interlocked.Add(ref saveTicks, Stopwatch.GetTimestamp() - Interlocked.Read(ref saveStarted));
                break;
            default:
                if (value.Key == CoreEventId.SaveChangesStarting.Name)
                {
                    Interlocked.Exchange(ref saveStarted, Stopwatch.GetTimestamp());
                }

                break;
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        all.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}

using System.Globalization;

namespace GuaGou.Bench.Parcels;

/// <summary>Median and nearest-rank percentiles, as deploy/bench/projects.sh computes them.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>The middle value; the mean of the two middle ones for an even count.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static string Ms(double milliseconds) => milliseconds.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Ms(TimeSpan elapsed) => Ms(elapsed.TotalMilliseconds);
}

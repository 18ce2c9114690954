using System.Globalization;
using GuaGou.Bench.Parcels;

// Benchmark harness for issue 4 (parcel import speed). Run by deploy/bench/parcels.sh; see docs/performance.md.
// Human-readable progress goes to stderr; one "BENCH name key=value …" line per result goes to stdout for the script.
const string Usage = """
    usage: parcel-bench generate-txt PATH PARCELS VERTICES
           parcel-bench parse PATH REPEATS
           parcel-bench commit CONNECTION_STRING PATH RUNS
           parcel-bench overlap CONNECTION_STRING REPEATS
           parcel-bench stacked CONNECTION_STRING PARCELS RUNS
    """;

static int Number(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

try
{
    return args switch
    {
        ["generate-txt", var path, var parcels, var vertices] => TxtCommands.GenerateTxt(path, Number(parcels), Number(vertices)),
        ["parse", var path, var repeats] => TxtCommands.Parse(path, Number(repeats)),
        ["commit", var connection, var path, var runs] => await DatabaseCommands.CommitAsync(connection, path, Number(runs)),
        ["overlap", var connection, var repeats] => await DatabaseCommands.OverlapAsync(connection, Number(repeats)),
        ["stacked", var connection, var parcels, var runs] => await StackedCommands.StackedAsync(connection, Number(parcels), Number(runs)),
        _ => Fail(Usage),
    };
}
catch (FormatException)
{
    return Fail(Usage);
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}

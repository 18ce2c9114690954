namespace GuaGou.Cli;

/// <summary>The <c>guagou</c> entry point (a named class, so it does not clash with the web app's Program in tests).</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => CommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);
}

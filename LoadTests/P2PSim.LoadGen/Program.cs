using System.Text;
using P2PSim.LoadGen;
using P2PSim.LoadGen.Suite;

// p2psim-loadgen: load suites and benchmarks against P2PSim servers on 127.0.0.1. Exit codes: 0 done (all thresholds
// passed), 1 a threshold failed (suite) or FAIL with --enforce (logging), 2 usage error, 130 cancelled.
const string Usage = "usage: p2psim-loadgen suite|logging [options]   (p2psim-loadgen suite --help, p2psim-loadgen logging --help)";
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Out.WriteLine(Usage);
    Console.Out.WriteLine(SuiteOptions.Usage);
    Console.Out.WriteLine(LoadGenOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
Console.OutputEncoding = Encoding.UTF8;

try
{
    switch (args[0])
    {
        case "suite":
            if (args.Skip(1).Any(a => a is "-h" or "--help"))
            {
                Console.Out.WriteLine(SuiteOptions.Usage);
                return 0;
            }

            return await SuiteCommand.RunAsync(SuiteOptions.Parse(args[1..]), Console.Out, Console.Error, cancellation.Token);
        case "logging":
            if (args.Skip(1).Any(a => a is "-h" or "--help"))
            {
                Console.Out.WriteLine(LoadGenOptions.Usage);
                return 0;
            }

            return await LoggingCommand.RunAsync(LoadGenOptions.Parse(args[1..]), cancellation.Token);
        default:
            Console.Error.WriteLine($"p2psim-loadgen: unknown command '{args[0]}'");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"p2psim-loadgen: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("p2psim-loadgen: cancelled");
    return 130;
}

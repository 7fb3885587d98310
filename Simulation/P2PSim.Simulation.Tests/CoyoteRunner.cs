using System.Diagnostics;
using Microsoft.Coyote;
using Microsoft.Coyote.Rewriting;
using Microsoft.Coyote.SystematicTesting;
using Xunit.Abstractions;

namespace P2PSim.Simulation.Tests;

/// <summary>
/// Runs a test body under Coyote's systematic scheduler, strictly: any concurrency Coyote does not control is a
/// failure (not a silently weaker test), and memory accesses are scheduling points so data races surface. Every
/// bug's reproducible trace is written to <c>.coyote-traces/</c> at the repository root, for replay.
/// </summary>
internal sealed class CoyoteRunner(ITestOutputHelper output)
{
    /// <summary>CI's quick budget; <c>P2PSIM_COYOTE_ITERATIONS</c> raises it for long local explorations.</summary>
    public static uint Iterations(uint quick) =>
        uint.TryParse(Environment.GetEnvironmentVariable("P2PSIM_COYOTE_ITERATIONS"), out var n) && n > 0 ? n : quick;

    public static Configuration Configure(uint iterations, uint seed = 20261124) =>
        Configuration.Create()
            .WithTestingIterations(iterations)
            .WithPartiallyControlledConcurrencyAllowed(false)
            .WithMemoryAccessRaceCheckingEnabled(true)
            .WithTelemetryEnabled(false)
            .WithRandomGeneratorSeed(seed);

    public TestReport Run(string name, Configuration configuration, Func<Task> test)
    {
        AssertRewritten();
        using var engine = TestingEngine.Create(configuration, test);
        var clock = Stopwatch.StartNew();
        engine.Run();
        var report = engine.TestReport;
        var explored = report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths;
        output.WriteLine($"{name}: {explored} iterations in {clock.Elapsed.TotalSeconds:F1} s " +
                         $"({explored / Math.Max(clock.Elapsed.TotalSeconds, 0.001):F0}/s), {report.NumOfFoundBugs} bug(s)");
        foreach (var invocation in report.UncontrolledInvocations)
        {
            output.WriteLine("uncontrolled: " + invocation);
        }

        if (report.NumOfFoundBugs > 0)
        {
            var trace = SaveTrace(name, engine.ReproducibleTrace);
            output.WriteLine($"bug: {report.BugReports.First()}\ntrace: {trace}");
        }

        return report;
    }

    /// <summary>Replays a saved trace: one deterministic execution of the same schedule.</summary>
    public TestReport Replay(string name, string traceFile, Func<Task> test) =>
        Run(name + "-replay", Configuration.Create().WithTelemetryEnabled(false).WithReproducibleTrace(File.ReadAllText(traceFile)), test);

    public static string TraceFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "P2PSim.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? Path.GetTempPath(), ".coyote-traces");
        }
    }

    public static string TraceFile(string name) => Path.Combine(TraceFolder, name + ".trace.json");

    private static string SaveTrace(string name, string trace)
    {
        Directory.CreateDirectory(TraceFolder);
        var file = TraceFile(name);
        File.WriteAllText(file, trace);
        return file;
    }

    /// <summary>Without the rewrite Coyote explores almost nothing and reports nothing: refuse to run instead.</summary>
    private static void AssertRewritten()
    {
        foreach (var assembly in new[] { typeof(DirectoryServer.DirectoryServer).Assembly, typeof(Transport.ITransport).Assembly, typeof(CoyoteRunner).Assembly })
        {
            Assert.True(RewritingEngine.IsAssemblyRewritten(assembly),
                $"{assembly.GetName().Name} is not rewritten by Coyote; build with the CoyoteRewrite target (dotnet build/test does it).");
        }
    }
}

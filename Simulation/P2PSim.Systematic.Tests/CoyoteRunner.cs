using System.Diagnostics;
using Microsoft.Coyote;
using Microsoft.Coyote.Rewriting;
using Microsoft.Coyote.SystematicTesting;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// Runs a test body under Coyote's systematic scheduler, strictly: any concurrency Coyote does not control is a
/// failure (not a silently weaker test). Every bug's reproducible trace is written to
/// <c>.coyote-traces/&lt;name&gt;/trace.json</c> at the repository root (with the bug report beside it), for
/// <c>ci/replay.sh</c> and CI's artifact upload.
/// </summary>
internal sealed class CoyoteRunner(ITestOutputHelper output)
{
    /// <summary>The seed of every exploration, so a CI run is repeatable; <c>P2PSIM_COYOTE_SEED</c> changes it.</summary>
    public static uint Seed =>
        uint.TryParse(Environment.GetEnvironmentVariable("P2PSIM_COYOTE_SEED"), out var seed) ? seed : 20261124;

    /// <summary>CI's quick budget; <c>P2PSIM_COYOTE_ITERATIONS</c> raises it for long local explorations.</summary>
    public static uint Iterations(uint quick) =>
        uint.TryParse(Environment.GetEnvironmentVariable("P2PSIM_COYOTE_ITERATIONS"), out var n) && n > 0 ? n : quick;

    public static Configuration Configure(uint iterations, RaceChecking races = RaceChecking.MemoryAccess, uint? seed = null) =>
        Strict(Configuration.Create(), races)
            .WithTestingIterations(iterations)
            .WithRandomGeneratorSeed(seed ?? Seed);

    /// <summary>Explores a named scenario of <see cref="CoyoteScenarios"/> for <paramref name="iterations"/> iterations.</summary>
    public TestReport Explore(string scenario, uint iterations)
    {
        var named = CoyoteScenarios.Named(scenario);
        return Run(named.Name, named.Configure(Configure(iterations, named.Races)), named.Run);
    }

    public TestReport Run(string name, Configuration configuration, Func<Task> test)
    {
        AssertRewritten();
        using var engine = TestingEngine.Create(configuration, test);
        var clock = Stopwatch.StartNew();
        CoyoteWatchdog.Run(engine, name);
        clock.Stop();
        var report = engine.TestReport;
        var explored = Explored(report);
        output.WriteLine($"{name}: {explored} iterations in {clock.Elapsed.TotalSeconds:F2} s " +
                         $"({explored / Math.Max(clock.Elapsed.TotalSeconds, 0.001):F0}/s), {report.NumOfFoundBugs} bug(s), " +
                         $"up to {Math.Max(report.MaxExploredFairSteps, report.MaxExploredUnfairSteps)} scheduling steps per iteration");
        foreach (var invocation in report.UncontrolledInvocations)
        {
            output.WriteLine("uncontrolled: " + invocation);
        }

        if (report.NumOfFoundBugs > 0)
        {
            var trace = SaveTrace(name, engine.ReproducibleTrace, report.BugReports.First());
            output.WriteLine($"bug: {report.BugReports.First()}\ntrace: {trace}");
        }

        return report;
    }

    /// <summary>
    /// Replays a saved trace: one deterministic execution of the recorded schedule, with the same race checking as
    /// the exploration that found it (the scheduling points must be the same for the schedule to line up).
    /// </summary>
    public TestReport Replay(string traceFile, RaceChecking races, Func<Task> test, Func<Configuration, Configuration>? settings = null)
    {
        AssertRewritten();
        var configuration = Strict(Configuration.Create(), races).WithReproducibleTrace(File.ReadAllText(traceFile));
        configuration = settings?.Invoke(configuration) ?? configuration;
        using var engine = TestingEngine.Create(configuration, test);
        CoyoteWatchdog.Run(engine, "replay of " + traceFile);
        return engine.TestReport;
    }

    public static long Explored(TestReport report) => report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths;

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "P2PSim.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? Path.GetTempPath();
        }
    }

    public static string TraceFolder => Path.Combine(RepositoryRoot, ".coyote-traces");

    public static string TraceFile(string name) => Path.Combine(TraceFolder, name, "trace.json");

    private static Configuration Strict(Configuration configuration, RaceChecking races) =>
        configuration
            .WithPartiallyControlledConcurrencyAllowed(false)
            .WithMemoryAccessRaceCheckingEnabled(races == RaceChecking.MemoryAccess)
            .WithControlFlowRaceCheckingEnabled(races == RaceChecking.ControlFlow)
            .WithConsoleLoggingEnabled(false)
            .WithTelemetryEnabled(false);

    private static string SaveTrace(string name, string trace, string bug)
    {
        var file = TraceFile(name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, trace);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(file)!, "bug.txt"), bug + Environment.NewLine);
        return file;
    }

    /// <summary>Without the rewrite Coyote explores almost nothing and reports nothing: refuse to run instead.</summary>
    private static void AssertRewritten()
    {
        foreach (var assembly in new[]
                 {
                     typeof(DirectoryServer.DirectoryServer).Assembly, typeof(Transport.ITransport).Assembly,
                     typeof(LogSink.RpcLogSink).Assembly, typeof(LogService.LogServer).Assembly, typeof(CoyoteRunner).Assembly,
                 })
        {
            Assert.True(RewritingEngine.IsAssemblyRewritten(assembly),
                $"{assembly.GetName().Name} is not rewritten by Coyote; build with the CoyoteRewrite target (dotnet build/test does it).");
        }
    }
}

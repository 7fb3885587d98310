using P2PSim.LoadGen.Suite;

namespace P2PSim.LoadTests;

/// <summary>
/// Runs the smoke suite once (under a minute) against real loopback servers and writes its report to
/// artifacts/load/smoke, which CI uploads. The tests of <see cref="SmokeSuiteTests"/> and the browser check share it.
/// </summary>
public sealed class SmokeSuiteFixture : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    internal SuiteReport Report { get; private set; } = null!;

    public string Directory { get; } = RepositoryRoot.Artifacts("load", "smoke");

    public string Progress { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        using var bound = new CancellationTokenSource(Bound);
        using var progress = new StringWriter();
        (Report, _) = await SuiteCommand.RunQuietAsync(new SuiteOptions { Mode = SuiteMode.Smoke, OutputDirectory = Directory }, progress, bound.Token);
        Progress = progress.ToString();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

using System.Diagnostics;

namespace P2PSim.LoadTests;

/// <summary>
/// Debian's <c>chromium</c> run headless as a process: <c>--dump-dom</c> prints the DOM after the page's scripts ran
/// (within a virtual time budget), <c>--screenshot</c> writes a PNG. Each call gets its own profile folder and is
/// bounded in time; a missing browser is a failure, with how to install it.
/// </summary>
internal sealed class HeadlessChromium
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private readonly string _executable;

    private HeadlessChromium(string executable)
    {
        _executable = executable;
    }

    public static HeadlessChromium Find()
    {
        var path = Environment.GetEnvironmentVariable("P2PSIM_CHROMIUM") is { Length: > 0 } configured ? configured : Candidates.FirstOrDefault(File.Exists);
        Assert.True(
            path is not null && File.Exists(path),
            "Headless Chromium is needed for the report check and was not found (looked at P2PSIM_CHROMIUM, "
            + string.Join(", ", Candidates) + "). Install it with `apt-get install -y chromium` (ci/setup.sh does).");
        return new HeadlessChromium(path!);
    }

    public async Task<string> DumpDomAsync(string url)
    {
        var (output, _) = await RunAsync(["--dump-dom", url]);
        return output;
    }

    public async Task ScreenshotAsync(string url, string pngPath)
    {
        File.Delete(pngPath);
        var (_, errors) = await RunAsync([$"--screenshot={pngPath}", "--window-size=1280,2400", "--hide-scrollbars", url]);
        Assert.True(File.Exists(pngPath), $"chromium wrote no screenshot: {errors}");
    }

    private async Task<(string Output, string Errors)> RunAsync(IEnumerable<string> arguments)
    {
        var profile = Directory.CreateTempSubdirectory("p2psim-chromium-");
        try
        {
            var start = new ProcessStartInfo(_executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--allow-file-access-from-files", "--virtual-time-budget=10000", $"--user-data-dir={profile.FullName}",
                ])
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {_executable}");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var bound = new CancellationTokenSource(Bound);
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish within {Bound.TotalSeconds:0} s");
            }

            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await errors}");
            return (await output, await errors);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}

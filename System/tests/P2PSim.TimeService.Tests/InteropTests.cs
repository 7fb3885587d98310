using P2PSim.Protocol;

namespace P2PSim.TimeService.Tests;

/// <summary>Interop with the classic Python stack. Fails (never skips) when python3-zeep/python3-spyne are missing.</summary>
public sealed class InteropTests
{
    private const string SpyneFixedTime = "24/12/2025 18:30:05";

    [Fact]
    public async Task Zeep_client_calls_every_operation()
    {
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0", TestTime.Fake());

        using var zeep = Python.Start(Python.Script("zeep_client.py"), host.WsdlAddress.ToString());
        var stdout = zeep.StandardOutput.ReadToEndAsync();
        var stderr = zeep.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await zeep.WaitForExitAsync(deadline.Token);

        var output = await stdout;
        Assert.True(zeep.ExitCode == 0, $"zeep client exited {zeep.ExitCode}\n{output}\n{await stderr}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal([.. TimeServiceContract.Operations.Select(o => o + " " + TestTime.StartWire)], lines);
        Assert.All(lines, line => Assert.True(Timestamp.IsTimestamp(line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..]), line));
    }

    [Theory]
    [InlineData(TimeServiceContract.GetTime)]
    [InlineData(TimeServiceContract.GetDateTime)]
    [InlineData(TimeServiceContract.GetCurrentDateTime)]
    [InlineData(TimeServiceContract.GetDateAndTime)]
    [InlineData(TimeServiceContract.ObtenerFechaHora)]
    [InlineData(TimeServiceContract.SendDateHour)]
    public async Task Client_calls_a_classic_spyne_service(string operation)
    {
        await WithSpyneAsync(TimeServiceContract.Namespace, operation, async address =>
        {
            using var client = new TimeServiceClient(address, operation: operation);
            Assert.Equal(SpyneFixedTime, await client.GetTimestampAsync());
        });
    }

    [Fact]
    public async Task Client_calls_a_spyne_service_with_another_namespace()
    {
        const string ns = "spyne.examples.time";
        await WithSpyneAsync(ns, TimeServiceContract.GetDate, async address =>
        {
            using var client = new TimeServiceClient(address, operation: TimeServiceContract.GetDate, contractNamespace: ns);
            Assert.Equal(SpyneFixedTime, await client.GetTimestampAsync());
        });
    }

    private static async Task WithSpyneAsync(string tns, string operation, Func<Uri, Task> test)
    {
        using var spyne = Python.Start(Python.Script("spyne_time_service.py"), tns, operation);
        var stderr = spyne.StandardError.ReadToEndAsync();
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var first = await spyne.StandardOutput.ReadLineAsync(deadline.Token);
            if (first is null || !first.StartsWith("PORT ", StringComparison.Ordinal))
            {
                spyne.Kill(entireProcessTree: true);
                Assert.Fail($"spyne service did not start: '{first}'\n{await stderr}");
            }

            await test(new Uri($"http://127.0.0.1:{int.Parse(first[5..], System.Globalization.CultureInfo.InvariantCulture)}/"));
        }
        finally
        {
            if (!spyne.HasExited)
            {
                spyne.Kill(entireProcessTree: true);
            }

            await spyne.WaitForExitAsync();
        }
    }
}

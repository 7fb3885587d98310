using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;

namespace P2PSim.TimeService.Tests;

public sealed class TimestampSourceTests
{
    private static readonly DateTimeOffset ServiceTime = new(2030, 12, 31, 23, 59, 58, TimeSpan.Zero);

    [Fact]
    public async Task Falls_back_to_local_time_logging_once_and_recovers_when_the_service_starts()
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var logger = new CapturingLogger<TimestampSource>();
        using var client = new TimeServiceClient(address, TimeSpan.FromSeconds(1));
        var source = new TimestampSource(client, TestTime.Fake(), logger);

        Assert.Equal(TestTime.StartWire, await source.GetAsync(CancellationToken.None));
        Assert.Equal(TestTime.StartWire, await source.GetAsync(CancellationToken.None));
        Assert.True(source.IsServiceDown);
        var down = Assert.Single(logger.Lines);
        Assert.Contains("stamping locally", down, StringComparison.Ordinal);
        Assert.Contains(address.ToString(), down, StringComparison.Ordinal);

        await using (var host = await TimeServiceHost.StartAsync($"http://127.0.0.1:{port}", new FakeTimeProvider(ServiceTime)))
        {
            Assert.Equal("31/12/2030 23:59:58", await source.GetAsync(CancellationToken.None));
            Assert.Equal("31/12/2030 23:59:58", await source.GetAsync(CancellationToken.None));
            Assert.False(source.IsServiceDown);
            Assert.Equal(2, logger.Lines.Count);
            Assert.Contains("is back", logger.Lines[1], StringComparison.Ordinal);
        }

        // A second outage is reported again, once.
        Assert.Equal(TestTime.StartWire, await source.GetAsync(CancellationToken.None));
        Assert.Equal(TestTime.StartWire, await source.GetAsync(CancellationToken.None));
        Assert.Equal(3, logger.Lines.Count);
        Assert.Contains("stamping locally", logger.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_never_answers_is_treated_as_down_within_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var client = new TimeServiceClient(new Uri($"http://127.0.0.1:{port}/"), TimeSpan.FromMilliseconds(300));
        var source = new TimestampSource(client, TestTime.Fake());

        var started = TimeProvider.System.GetTimestamp();
        var stamp = await source.GetAsync(CancellationToken.None);

        Assert.Equal(TestTime.StartWire, stamp);
        Assert.True(source.IsServiceDown);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Client_reports_a_down_service_with_a_clear_exception()
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        using var client = new TimeServiceClient(address);

        var e = await Assert.ThrowsAsync<TimeServiceUnavailableException>(() => client.GetTimestampAsync());

        Assert.Contains(address.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("get_datetime", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Client_refuses_an_unknown_operation_name() =>
        Assert.Throws<ArgumentException>(() => new TimeServiceClient(new Uri("http://127.0.0.1:1/"), operation: "get_weather"));

    [Fact]
    public async Task Source_fits_the_directory_client_delegate()
    {
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0", TestTime.Fake());
        using var client = new TimeServiceClient(host.BaseAddress);
        Func<CancellationToken, ValueTask<string?>> timestamps = new TimestampSource(client).GetAsync;

        Assert.Equal(TestTime.StartWire, await timestamps(CancellationToken.None));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

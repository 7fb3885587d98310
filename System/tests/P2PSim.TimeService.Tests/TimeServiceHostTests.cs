using System.Text;
using P2PSim.Protocol;

namespace P2PSim.TimeService.Tests;

public sealed class TimeServiceHostTests
{
    [Fact]
    public async Task Port_zero_binds_a_real_port()
    {
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0");

        Assert.Equal("127.0.0.1", host.BaseAddress.Host);
        Assert.NotEqual(0, host.BaseAddress.Port);
        Assert.EndsWith("/?wsdl", host.WsdlAddress.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> Operations => [.. TimeServiceContract.Operations];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Every_operation_answers_the_injected_time(string operation)
    {
        var time = TestTime.Fake();
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0", time);
        using var client = new TimeServiceClient(host.BaseAddress, operation: operation);

        Assert.Equal(TestTime.StartWire, await client.GetTimestampAsync());

        time.Advance(TimeSpan.FromHours(15) + TimeSpan.FromSeconds(58));
        Assert.Equal("08/03/2026 00:05:59", await client.GetTimestampAsync());
    }

    [Fact]
    public async Task Default_clock_gives_the_wire_format()
    {
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0");
        using var client = new TimeServiceClient(host.BaseAddress);

        var stamp = await client.GetTimestampAsync();

        Assert.NotNull(stamp);
        Assert.True(Timestamp.IsTimestamp(stamp), stamp);
    }

    [Fact]
    public async Task Wsdl_is_served_and_names_every_operation()
    {
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0");
        using var http = new HttpClient();

        var wsdl = await http.GetStringAsync(host.WsdlAddress);

        Assert.Contains("definitions", wsdl, StringComparison.Ordinal);
        Assert.Contains(TimeServiceContract.Namespace, wsdl, StringComparison.Ordinal);
        Assert.Equal(7, TimeServiceContract.Operations.Count);
        foreach (var operation in new[]
        {
            "get_datetime", "get_date", "get_time", "get_current_datetime", "get_date_time", "obtener_fecha_hora", "send_date_hour",
        })
        {
            Assert.Contains($"name=\"{operation}\"", wsdl, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Raw_request_gets_the_classic_element_names(string operation)
    {
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0", TestTime.Fake());

        var (status, body) = await Soap.PostAsync(
            host.BaseAddress, Soap.Envelope($"<{operation} xmlns=\"urn:p2psim:time\"/>"), operation);

        Assert.Equal(200, status);
        Assert.Contains($"{operation}Response", body, StringComparison.Ordinal);
        Assert.Contains($"{operation}Result", body, StringComparison.Ordinal);
        Assert.Contains(TestTime.StartWire, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_xml_gets_a_fault_and_the_service_keeps_serving()
    {
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0", TestTime.Fake());

        var (status, _) = await Soap.PostAsync(host.BaseAddress, "<s:Envelope><unclosed", "get_datetime");

        AssertRejected(status);
        await AssertStillServingAsync(host);
    }

    [Fact]
    public async Task Body_over_the_cap_gets_413_and_the_service_keeps_serving()
    {
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0", TestTime.Fake());
        var padding = new string('x', (int)TimeServiceHost.MaxRequestBodySize * 2);
        var xml = Soap.Envelope($"<get_datetime xmlns=\"urn:p2psim:time\"><!-- {padding} --></get_datetime>");
        Assert.True(Encoding.UTF8.GetByteCount(xml) > TimeServiceHost.MaxRequestBodySize);

        var (status, body) = await Soap.PostAsync(host.BaseAddress, xml, "get_datetime");

        Assert.Equal(413, status);
        Assert.Contains("Fault", body, StringComparison.Ordinal);
        await AssertStillServingAsync(host);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_malformed_body_at_the_cap_is_answered_at_once(int offset)
    {
        // A body of exactly the cap used to be passed to SoapCore, which never answered it.
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0", TestTime.Fake());
        var xml = new string('x', (int)TimeServiceHost.MaxRequestBodySize + offset);

        var (status, _) = await Soap.PostAsync(host.BaseAddress, xml, "get_datetime").WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(offset >= 0 ? 413 : 400, status);
        await AssertStillServingAsync(host);
    }

    [Fact]
    public async Task Billion_laughs_gets_a_fault_and_the_service_keeps_serving()
    {
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0", TestTime.Fake());
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
            <get_datetime xmlns="urn:p2psim:time">&lol9;</get_datetime>
            </s:Body></s:Envelope>
            """;

        var (status, body) = await Soap.PostAsync(host.BaseAddress, xml, "get_datetime");

        Assert.Equal(400, status); // refused before any parsing: the DTD is never processed
        Assert.Contains("DTD", body, StringComparison.Ordinal);
        Assert.DoesNotContain("lollollol", body, StringComparison.Ordinal);
        await AssertStillServingAsync(host);
    }

    [Fact]
    public async Task External_entity_is_not_resolved()
    {
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0", TestTime.Fake());
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE x [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
            <get_datetime xmlns="urn:p2psim:time">&xxe;</get_datetime>
            </s:Body></s:Envelope>
            """;

        var (_, body) = await Soap.PostAsync(host.BaseAddress, xml, "get_datetime");

        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        await AssertStillServingAsync(host);
    }

    [Fact]
    public async Task Unknown_operation_gets_a_fault()
    {
        await using var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0", TestTime.Fake());

        var (status, body) = await Soap.PostAsync(
            host.BaseAddress, Soap.Envelope("<get_weather xmlns=\"urn:p2psim:time\"/>"), "get_weather");

        AssertRejected(status);
        Assert.Contains("Fault", body, StringComparison.Ordinal);
        await AssertStillServingAsync(host);
    }

    [Fact]
    public async Task Stop_releases_the_port_and_is_idempotent()
    {
        var host = await TimeServiceHost.StartAsync("http://127.0.0.1:0");
        var address = host.BaseAddress;

        await host.StopAsync();
        await host.DisposeAsync();

        using var client = new TimeServiceClient(address);
        await Assert.ThrowsAsync<TimeServiceUnavailableException>(() => client.GetTimestampAsync());
    }

    private static void AssertRejected(int status) =>
        Assert.True(status is >= 400 and <= 500, $"expected a 4xx or 500 refusal, got {status}");

    private static async Task AssertStillServingAsync(TimeServiceHost host)
    {
        using var client = new TimeServiceClient(host.BaseAddress);
        Assert.Equal(TestTime.StartWire, await client.GetTimestampAsync());
    }
}

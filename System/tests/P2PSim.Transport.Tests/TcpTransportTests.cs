using System.Net.Sockets;
using P2PSim.Transport.Tcp;

namespace P2PSim.Transport.Tests;

/// <summary>
/// What only real TCP can show: each bind and connect failure the machine can provoke, as the transport's own
/// exception with a printable message, plus host names and IPv6.
/// </summary>
public sealed class TcpTransportTests
{
    [Fact]
    public async Task Binding_an_address_this_machine_lacks_is_address_not_available()
    {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never assigned to a real host.
        var endPoint = new TransportEndPoint("192.0.2.1", 0);
        var e = await Assert.ThrowsAsync<AddressNotAvailableException>(async () => await TcpTransport.Instance.BindAsync(endPoint));
        Assert.Contains("192.0.2.1", e.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(e.InnerException);
        Messages.AssertPrintable(e);
    }

    [Fact]
    public async Task Binding_127_0_0_1_on_a_held_port_is_address_in_use_and_says_what_to_do()
    {
        await using var held = await TcpTransport.Instance.BindAsync(new TransportEndPoint("127.0.0.1", 0));
        var e = await Assert.ThrowsAsync<AddressInUseException>(async () => await TcpTransport.Instance.BindAsync(held.LocalEndPoint));
        Assert.Equal($"TCP {held.LocalEndPoint} is already in use; pick another port or stop the process using it.", e.Message);
    }

    [Theory]
    [InlineData("bind")]
    [InlineData("connect")]
    public async Task A_host_name_that_does_not_resolve_is_host_not_found(string operation)
    {
        // .invalid is reserved (RFC 2606): no resolver answers for it.
        var endPoint = new TransportEndPoint("no-such-host.invalid", 5000);
        var e = await Assert.ThrowsAsync<HostNotFoundException>(async () => await RunAsync(operation, endPoint));
        Assert.Contains("'no-such-host.invalid'", e.Message, StringComparison.Ordinal);
        Messages.AssertPrintable(e);
    }

    [Theory]
    [InlineData("bind")]
    [InlineData("connect")]
    public async Task A_host_that_is_no_valid_name_is_host_not_found(string operation)
    {
        var endPoint = new TransportEndPoint(new string('a', 300), 5000);
        var e = await Assert.ThrowsAsync<HostNotFoundException>(async () => await RunAsync(operation, endPoint));
        Assert.Contains("not a valid host name", e.Message, StringComparison.Ordinal);
        Messages.AssertPrintable(e);
    }

    [Fact]
    public async Task Localhost_binds_and_connects_by_name()
    {
        await using var listener = await TcpTransport.Instance.BindAsync(new TransportEndPoint("localhost", 0));
        Assert.Equal("127.0.0.1", listener.LocalEndPoint.Host);

        var accepting = listener.AcceptAsync(Deadline.In());
        await using var client = await TcpTransport.Instance.ConnectAsync(listener.LocalEndPoint with { Host = "localhost" }, Deadline.In());
        await using var server = await accepting;
        Assert.NotNull(server);
        Assert.Equal("127.0.0.1", server.RemoteEndPoint.Host);
    }

    [Fact]
    public async Task Ipv6_loopback_works_where_the_machine_has_it_and_is_address_not_available_where_not()
    {
        IConnectionListener listener;
        try
        {
            listener = await TcpTransport.Instance.BindAsync(new TransportEndPoint("::1", 0));
        }
        catch (AddressNotAvailableException e) when (!Socket.OSSupportsIPv6 || !HasIpv6Loopback())
        {
            Messages.AssertPrintable(e);
            return;
        }

        await using (listener)
        {
            Assert.Equal("::1", listener.LocalEndPoint.Host);
            Assert.StartsWith("[::1]:", listener.LocalEndPoint.ToString(), StringComparison.Ordinal);
            var accepting = listener.AcceptAsync(Deadline.In());
            await using var client = await TcpTransport.Instance.ConnectAsync(TransportEndPoint.Parse(listener.LocalEndPoint.ToString()), Deadline.In());
            await using var server = await accepting;
            Assert.NotNull(server);
            await client.Stream.WriteAsync("six"u8.ToArray(), Deadline.In());
            client.ShutdownOutput();
            Assert.Equal("six"u8.ToArray(), await server.Stream.ReadToEndAsync(Deadline.In()));
            Assert.Equal("::1", server.RemoteEndPoint.Host);
        }
    }

    [Fact]
    public async Task A_refused_connection_is_also_an_io_exception_for_callers_that_catch_those()
    {
        TransportEndPoint unbound;
        await using (var listener = await TcpTransport.Instance.BindAsync(new TransportEndPoint("127.0.0.1", 0)))
        {
            unbound = listener.LocalEndPoint;
        }

        var e = await Assert.ThrowsAsync<ConnectionRefusedException>(async () => await TcpTransport.Instance.ConnectAsync(unbound));
        Assert.IsAssignableFrom<IOException>(e);
        Assert.IsAssignableFrom<TransportException>(e);
        Assert.Equal($"Nothing is listening at {unbound} (connection refused).", e.Message);
    }

    private static async Task RunAsync(string operation, TransportEndPoint endPoint)
    {
        if (operation == "bind")
        {
            await using var listener = await TcpTransport.Instance.BindAsync(endPoint, Deadline.In());
        }
        else
        {
            await using var connection = await TcpTransport.Instance.ConnectAsync(endPoint, Deadline.In());
        }
    }

    private static bool HasIpv6Loopback()
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Loopback, 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

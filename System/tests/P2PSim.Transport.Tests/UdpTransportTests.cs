using P2PSim.Transport.Tcp;
using P2PSim.Transport.Udp;

namespace P2PSim.Transport.Tests;

/// <summary>What only real UDP can show: its bind failures, and that its port space is apart from TCP's.</summary>
public sealed class UdpTransportTests
{
    [Fact]
    public async Task Binding_an_address_this_machine_lacks_is_address_not_available()
    {
        var e = await Assert.ThrowsAsync<AddressNotAvailableException>(async () =>
            await UdpTransport.Instance.BindAsync(new TransportEndPoint("192.0.2.1", 0)));
        Assert.StartsWith("UDP 192.0.2.1:0 cannot be bound", e.Message, StringComparison.Ordinal);
        Messages.AssertPrintable(e);
    }

    [Fact]
    public async Task Binding_or_sending_to_a_name_that_does_not_resolve_is_host_not_found()
    {
        var nowhere = new TransportEndPoint("no-such-host.invalid", 4050);
        await Assert.ThrowsAsync<HostNotFoundException>(async () => await UdpTransport.Instance.BindAsync(nowhere));

        await using var socket = await UdpTransport.Instance.BindAsync(new TransportEndPoint("127.0.0.1", 0));
        var e = await Assert.ThrowsAsync<HostNotFoundException>(async () => await socket.SendAsync(new byte[1], nowhere));
        Messages.AssertPrintable(e);
    }

    [Fact]
    public async Task The_udp_port_a_tcp_listener_holds_is_free()
    {
        await using var tcp = await TcpTransport.Instance.BindAsync(new TransportEndPoint("127.0.0.1", 0));
        await using var udp = await UdpTransport.Instance.BindAsync(tcp.LocalEndPoint);
        Assert.Equal(tcp.LocalEndPoint, udp.LocalEndPoint);
    }
}

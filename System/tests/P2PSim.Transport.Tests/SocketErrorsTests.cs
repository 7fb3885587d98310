using System.Net;
using System.Net.Sockets;
using P2PSim.Transport.Sockets;

namespace P2PSim.Transport.Tests;

/// <summary>
/// Every socket error the transports map, by code: also those this machine cannot provoke (a privileged port as
/// root, an unreachable network, a timeout), each with the exception callers catch and a printable message.
/// </summary>
public sealed class SocketErrorsTests
{
    private static readonly TransportEndPoint EndPoint = new("127.0.0.1", 5000);

    public static TheoryData<SocketError, int, Type, string> BindCases => new()
    {
        { SocketError.AddressAlreadyInUse, 5000, typeof(AddressInUseException), "already in use; pick another port" },
        { SocketError.AddressNotAvailable, 5000, typeof(AddressNotAvailableException), "is not an address of this machine" },
        { SocketError.AddressFamilyNotSupported, 5000, typeof(AddressNotAvailableException), "does not support" },
        { SocketError.ProtocolNotSupported, 5000, typeof(AddressNotAvailableException), "does not support" },
        { SocketError.AccessDenied, 80, typeof(AddressAccessDeniedException), "ports below 1024 need privileges" },
        { SocketError.AccessDenied, 5000, typeof(AddressAccessDeniedException), "the system denied it" },
        { SocketError.InvalidArgument, 5000, typeof(TransportException), "cannot be bound (" },
    };

    public static TheoryData<SocketError, Type, string> ConnectCases => new()
    {
        { SocketError.ConnectionRefused, typeof(ConnectionRefusedException), "Nothing is listening at 127.0.0.1:5000" },
        { SocketError.TimedOut, typeof(TransportException), "timed out" },
        { SocketError.NetworkUnreachable, typeof(TransportException), "cannot be reached" },
        { SocketError.HostUnreachable, typeof(TransportException), "cannot be reached" },
        { SocketError.AddressFamilyNotSupported, typeof(TransportException), "does not support its address family" },
        { SocketError.ConnectionReset, typeof(TransportException), "Cannot connect to 127.0.0.1:5000 (" },
    };

    [Theory]
    [MemberData(nameof(BindCases))]
    public void Bind_errors_become_transport_exceptions(SocketError error, int port, Type expected, string says)
    {
        var endPoint = EndPoint with { Port = port };
        var mapped = SocketErrors.Bind(new SocketException((int)error), "TCP", endPoint, IPAddress.Loopback);
        Assert.IsType(expected, mapped);
        Assert.Contains($"TCP {endPoint}", mapped.Message, StringComparison.Ordinal);
        Assert.Contains(says, mapped.Message, StringComparison.Ordinal);
        Assert.IsType<SocketException>(mapped.InnerException);
        Messages.AssertPrintable(mapped);
    }

    [Theory]
    [MemberData(nameof(ConnectCases))]
    public void Connect_errors_become_transport_exceptions(SocketError error, Type expected, string says)
    {
        var mapped = SocketErrors.Connect(new SocketException((int)error), EndPoint);
        Assert.IsType(expected, mapped);
        Assert.Contains(EndPoint.ToString(), mapped.Message, StringComparison.Ordinal);
        Assert.Contains(says, mapped.Message, StringComparison.Ordinal);
        Messages.AssertPrintable(mapped);
    }

    [Theory]
    [InlineData(SocketError.NetworkUnreachable, "no route")]
    [InlineData(SocketError.InvalidArgument, "cannot be sent (")]
    public void Send_errors_become_transport_exceptions(SocketError error, string says)
    {
        var mapped = SocketErrors.Send(new SocketException((int)error), EndPoint);
        Assert.IsType<TransportException>(mapped);
        Assert.Contains(says, mapped.Message, StringComparison.Ordinal);
        Messages.AssertPrintable(mapped);
    }

    [Fact]
    public void The_unsupported_family_is_named_ipv6_for_an_ipv6_address()
    {
        var mapped = SocketErrors.Bind(
            new SocketException((int)SocketError.AddressFamilyNotSupported), "UDP", new TransportEndPoint("::1", 0), IPAddress.IPv6Loopback);
        Assert.Contains("does not support IPv6 addresses", mapped.Message, StringComparison.Ordinal);
        Assert.StartsWith("UDP [::1]:0 ", mapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_transport_exception_is_an_io_exception()
    {
        Exception[] all =
        [
            new TransportException("x."), new ConnectionRefusedException("x."), new AddressInUseException("x."),
            new AddressNotAvailableException("x."), new AddressAccessDeniedException("x."), new HostNotFoundException("x."),
        ];
        Assert.All(all, e => Assert.IsAssignableFrom<IOException>(e));
        Assert.All(all, e => Assert.IsAssignableFrom<TransportException>(e));
    }
}

namespace P2PSim.Transport.Tests;

public sealed class TransportEndPointTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65535)]
    public void Ports_from_0_to_65535_are_valid(int port) => Assert.Equal(port, new TransportEndPoint("h", port).Port);

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Other_ports_are_rejected_where_the_address_is_made(int port)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TransportEndPoint("h", port));
        Assert.Equal(port, e.ActualValue);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransportEndPoint("h", 0) with { Port = port });
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    public void A_blank_host_is_rejected(string host)
    {
        Assert.Throws<ArgumentException>(() => new TransportEndPoint(host, 1));
        Assert.Throws<ArgumentException>(() => new TransportEndPoint("h", 1) with { Host = host });
    }

    [Fact]
    public void A_null_host_is_rejected() => Assert.Throws<ArgumentNullException>(() => new TransportEndPoint(null!, 1));

    [Theory]
    [InlineData("127.0.0.1:5000", "127.0.0.1", 5000)]
    [InlineData("localhost:0", "localhost", 0)]
    [InlineData("log:65535", "log", 65535)]
    [InlineData("[::1]:5000", "::1", 5000)]
    [InlineData("h:007", "h", 7)]
    public void Parse_reads_host_and_port(string text, string host, int port) =>
        Assert.Equal(new TransportEndPoint(host, port), TransportEndPoint.Parse(text));

    [Theory]
    [InlineData("", "is not an address of the form host:port.")]
    [InlineData("host", "is not an address of the form host:port.")]
    [InlineData(":5000", "is not an address of the form host:port.")]
    [InlineData("host:", "the port is missing.")]
    [InlineData("host:abc", "'abc' is not a port number.")]
    [InlineData("host:-1", "'-1' is not a port number.")]
    [InlineData("host:+5", "'+5' is not a port number.")]
    [InlineData("host:65536", "the port must be from 0 to 65535.")]
    [InlineData("host:99999999999", "the port must be from 0 to 65535.")]
    [InlineData("[]:5000", "the host is missing.")]
    [InlineData(" :5000", "the host is missing.")]
    public void Parse_refuses_anything_else_with_a_format_exception_that_quotes_the_text(string text, string says)
    {
        var e = Assert.Throws<FormatException>(() => TransportEndPoint.Parse(text));
        Assert.StartsWith($"'{text}' is not an address of the form host:port", e.Message, StringComparison.Ordinal);
        Assert.EndsWith(says, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", 5000, "127.0.0.1:5000")]
    [InlineData("::1", 5000, "[::1]:5000")]
    [InlineData("fe80::1", 0, "[fe80::1]:0")]
    public void ToString_brackets_ipv6_and_parses_back(string host, int port, string text)
    {
        var endPoint = new TransportEndPoint(host, port);
        Assert.Equal(text, endPoint.ToString());
        Assert.Equal(endPoint, TransportEndPoint.Parse(text));
    }

    [Fact]
    public void Addresses_are_values()
    {
        var (host, port) = new TransportEndPoint("h", 7);
        Assert.Equal(("h", 7), (host, port));
        Assert.Equal(new TransportEndPoint("h", 7), new TransportEndPoint("h", 7));
        Assert.NotEqual(new TransportEndPoint("h", 7), new TransportEndPoint("h", 8));
        Assert.Equal(new TransportEndPoint("h", 7).GetHashCode(), new TransportEndPoint("h", 7).GetHashCode());
    }
}

using System.Text;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// What the classic implementations really send beyond the spec's main table (docs/protocol.md §2.4, §3.4): other
/// timestamp shapes, and CONNECT with the client's IP before the port.
/// </summary>
public sealed class ClassicVariantTests
{
    public static TheoryData<Operation> AllOperations => [.. Enum.GetValues<Operation>()];

    /// <summary>Every accepted shape but P2PSim's own <c>DD/MM/YYYY HH:MM:SS</c>.</summary>
    private static readonly string[] Shapes =
    [
        "2025/11/24 18:30:05", "2025-11-24 18:30:05", "24-11-2025 18:30:05",
        "18:30:05 24/11/2025", "18:30:05 2025/11/24", "18:30:05 24-11-2025", "18:30:05 2025-11-24",
    ];

    public static TheoryData<string> OtherShapes => [.. Shapes];

    [Theory]
    [MemberData(nameof(AllOperations))]
    public void Every_operation_takes_every_timestamp_shape_and_keeps_it_as_sent(Operation operation)
    {
        foreach (var stamp in Shapes)
        {
            var fields = Bytes.RequestFields(operation, "alice");
            var plain = Decoders.DecodeRequest(Bytes.Fields(fields));
            var stamped = Decoders.DecodeRequest(Bytes.Fields([fields[0], stamp, .. fields[1..]]));

            Assert.Equal(stamp, stamped.Timestamp);
            Assert.Equal(plain with { Timestamp = stamp }, stamped);
        }
    }

    [Theory]
    [MemberData(nameof(OtherShapes))]
    public void A_timestamp_of_any_shape_without_a_user_waits_for_the_user(string stamp)
    {
        DecoderChecks.AssertIncomplete(Decoders.Directory, Chunking.Contiguous(Bytes.Fields("REGISTER", stamp)), "timestamp only");
    }

    [Theory]
    [MemberData(nameof(OtherShapes))]
    public void A_second_timestamp_of_any_shape_is_a_user_name_with_a_blank(string stamp)
    {
        Assert.Equal(Operation.Register, Decoders.RejectRequest(Bytes.Fields("REGISTER", RequestCases.Stamp, stamp)).Operation);
        Assert.Equal(Operation.Register, Decoders.RejectRequest(Bytes.Fields("REGISTER", stamp, stamp)).Operation);
    }

    [Theory]
    [InlineData("2025/11/24")]
    [InlineData("2025-11-24")]
    [InlineData("18:30:05")]
    [InlineData("2025/11/24_18:30:05")]
    [InlineData("18:30:05_2025/11/24")]
    public void Date_like_names_without_a_blank_are_users(string user)
    {
        Assert.Equal(new RegisterRequest(null, user), Decoders.DecodeRequest(Bytes.Fields("REGISTER", user)));
        Assert.Equal(new ListContentRequest("2025/11/24 18:30:05", "alice", user),
            Decoders.DecodeRequest(Bytes.Fields("LIST_CONTENT", "2025/11/24 18:30:05", "alice", user)));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.5")]
    [InlineData("255.255.255.255")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("2001:DB8::8:800:200C:417A")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255")] // 45 bytes, the longest
    public void Connect_takes_an_ip_literal_before_the_port(string ip)
    {
        var expected = new ConnectRequest(null, "alice", 4500) { AnnouncedIp = ip };
        var bytes = Bytes.Fields("CONNECT", "alice", ip, "4500");
        DecoderChecks.EverySplit(Decoders.Directory, bytes, expected);
        DecoderChecks.Incrementally(Decoders.Directory, bytes, expected);
        Assert.Equal(expected with { Timestamp = "2025/11/24 18:30:05" },
            Decoders.DecodeRequest(Bytes.Fields("CONNECT", "2025/11/24 18:30:05", "alice", ip, "4500")));
    }

    [Fact]
    public void Connect_with_a_port_is_complete_at_the_port_and_does_not_wait_for_an_address()
    {
        // The classic client sends its request and waits: the field after the user decides alone.
        DecoderChecks.Incrementally(Decoders.Directory, Bytes.Fields("CONNECT", "alice", "4500"), new ConnectRequest(null, "alice", 4500));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void Connect_with_an_address_waits_for_the_port(string ip)
    {
        DecoderChecks.AssertIncomplete(Decoders.Directory, Chunking.Contiguous(Bytes.Fields("CONNECT", "alice", ip)), "address, no port");
    }

    [Theory]
    [InlineData("127.0.0.256")]
    [InlineData("127.0.0")]
    [InlineData("127.1")] // IPAddress.Parse would take it
    [InlineData("127.0.0.1.")]
    [InlineData(".127.0.0.1")]
    [InlineData("127..0.1")]
    [InlineData("1270.0.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("127.0.0.1:4500")]
    [InlineData("[::1]")]
    [InlineData("fe80::1%eth0")]
    [InlineData("::1::2")]
    [InlineData("12345::1")]
    [InlineData("::ffff:127.1")]
    [InlineData("localhost.")]
    [InlineData(":")]
    [InlineData(".")]
    [InlineData("4500.5")] // a port with a dot is no port: read as an address, and refused
    [InlineData("١٢٧.0.0.1")] // non-ASCII digits
    public void Connect_with_a_field_that_is_neither_port_nor_ip_literal_is_refused(string field)
    {
        Assert.Equal(Operation.Connect, Decoders.RejectRequest(Bytes.Fields("CONNECT", "alice", field, "4500")).Operation);
        Assert.Equal(Operation.Connect, Decoders.RejectRequest(Bytes.Fields("CONNECT", "alice", field)).Operation);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("12a")]
    [InlineData("127.0.0.1")] // a second address, no port
    [InlineData(" 4500")]
    public void Connect_with_an_address_and_a_bad_port_is_refused(string port)
    {
        Assert.Equal(Operation.Connect, Decoders.RejectRequest(Bytes.Fields("CONNECT", "alice", "127.0.0.1", port)).Operation);
        Assert.Equal(Operation.Connect, Decoders.RejectRequest(Bytes.Fields("CONNECT", RequestCases.Stamp, "alice", "::1", port)).Operation);
    }

    [Fact]
    public void A_port_is_still_refused_as_soon_as_it_passes_20_bytes()
    {
        var digits21 = Encoding.ASCII.GetBytes(Bytes.Repeat('0', 17) + "4500");
        Assert.Equal(Operation.Connect, Decoders.RejectRequest(Bytes.FieldsThen(["CONNECT", "alice"], digits21)).Operation);
        var letters21 = Encoding.ASCII.GetBytes(Bytes.Repeat('a', 21));
        Assert.Equal(Operation.Connect, Decoders.RejectRequest(Bytes.FieldsThen(["CONNECT", "alice"], letters21)).Operation);
    }

    [Fact]
    public void An_address_field_waits_up_to_45_bytes_and_is_refused_past_them()
    {
        var address45 = Encoding.ASCII.GetBytes(Bytes.Repeat('1', 20) + "." + Bytes.Repeat('1', 24));
        DecoderChecks.AssertIncomplete(
            Decoders.Directory, Chunking.Contiguous(Bytes.FieldsThen(["CONNECT", "alice"], address45)), "45 bytes, no terminator");
        byte[] address46 = [.. address45, (byte)'1'];
        Assert.Equal(Operation.Connect, Decoders.RejectRequest(Bytes.FieldsThen(["CONNECT", "alice"], address46)).Operation);
    }

    [Fact]
    public void The_encoder_writes_the_announced_address_before_the_port()
    {
        var request = new ConnectRequest(null, "alice", 4500) { AnnouncedIp = "10.0.0.5" };
        Assert.Equal(Hex.Format(Bytes.Fields("CONNECT", "alice", "10.0.0.5", "4500")), Hex.Format(DirectoryRequestEncoder.ToArray(request)));
        Assert.Equal(request, Decoders.DecodeRequest(DirectoryRequestEncoder.ToArray(request)));
    }
}

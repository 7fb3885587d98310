using System.Text;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// The field limits of docs/protocol.md §2.3: 256 bytes are accepted, 257 are a <see cref="ProtocolException"/>
/// carrying the operation, and an over-long field is refused as soon as it passes the limit, before any
/// terminator, so a server never buffers more than one maximal request.
/// </summary>
public sealed class RequestLimitTests
{
    private const string Stamp = RequestCases.Stamp;
    private static readonly string Name256 = Bytes.Repeat('a', 256);
    private static readonly string Name257 = Bytes.Repeat('a', 257);

    public static TheoryData<Operation> AllOperations => [.. Enum.GetValues<Operation>()];

    [Theory]
    [MemberData(nameof(AllOperations))]
    public void User_name_of_256_bytes_is_accepted(Operation operation)
    {
        var request = Decoders.DecodeRequest(Bytes.Fields(Bytes.RequestFields(operation, Name256)));
        Assert.Equal(operation, request.Operation);
        Assert.Equal(Name256, request.User);
    }

    [Theory]
    [MemberData(nameof(AllOperations))]
    public void User_name_of_257_bytes_is_rejected_with_the_operation(Operation operation)
    {
        var error = Decoders.RejectRequest(Bytes.Fields(Bytes.RequestFields(operation, Name257)));
        Assert.Equal(operation, error.Operation);
    }

    [Theory]
    [MemberData(nameof(AllOperations))]
    public void User_name_of_257_bytes_is_rejected_before_its_terminator(Operation operation)
    {
        var error = Decoders.RejectRequest(Bytes.FieldsThen([operation.WireName()], Encoding.ASCII.GetBytes(Name257)));
        Assert.Equal(operation, error.Operation);
    }

    [Fact]
    public void User_name_of_256_bytes_without_its_terminator_waits_for_more()
    {
        DecoderChecks.AssertIncomplete(
            Decoders.Directory,
            Chunking.Contiguous(Bytes.FieldsThen(["REGISTER"], Encoding.ASCII.GetBytes(Name256))),
            "256-byte user, no terminator");
    }

    [Fact]
    public void User_name_after_a_timestamp_has_the_same_limit()
    {
        Assert.Equal(new RegisterRequest(Stamp, Name256), Decoders.DecodeRequest(Bytes.Fields("REGISTER", Stamp, Name256)));
        Assert.Equal(Operation.Register, Decoders.RejectRequest(Bytes.Fields("REGISTER", Stamp, Name257)).Operation);
        Assert.Equal(
            Operation.Register,
            Decoders.RejectRequest(Bytes.FieldsThen(["REGISTER", Stamp], Encoding.ASCII.GetBytes(Name257))).Operation);
    }

    [Fact]
    public void Limits_count_utf8_bytes_not_characters()
    {
        var twoByteChars128 = Bytes.Repeat('\u00e9', 128); // 256 bytes
        Assert.Equal(new RegisterRequest(null, twoByteChars128), Decoders.DecodeRequest(Bytes.Fields("REGISTER", twoByteChars128)));

        var error = Decoders.RejectRequest(Bytes.Fields("REGISTER", twoByteChars128 + "a")); // 129 characters, 257 bytes
        Assert.Equal(Operation.Register, error.Operation);
    }

    [Theory]
    [InlineData(Operation.Publish)]
    [InlineData(Operation.Delete)]
    public void File_name_of_256_bytes_is_accepted_and_257_rejected(Operation operation)
    {
        string[] Fields(string file) => operation == Operation.Publish ? ["PUBLISH", "alice", file, "d"] : ["DELETE", "alice", file];

        var accepted = Decoders.DecodeRequest(Bytes.Fields(Fields(Name256)));
        Assert.Equal(Name256, accepted switch { PublishRequest p => p.FileName, DeleteRequest d => d.FileName, _ => null });
        Assert.Equal(operation, Decoders.RejectRequest(Bytes.Fields(Fields(Name257))).Operation);
        Assert.Equal(
            operation,
            Decoders.RejectRequest(Bytes.FieldsThen([operation.WireName(), "alice"], Encoding.ASCII.GetBytes(Name257))).Operation);
    }

    [Fact]
    public void Description_of_256_bytes_is_accepted_and_257_rejected()
    {
        var description256 = "my song " + Bytes.Repeat('x', 248);
        var description257 = description256 + "x";
        Assert.Equal(
            new PublishRequest(null, "alice", "song.mp3", description256),
            Decoders.DecodeRequest(Bytes.Fields("PUBLISH", "alice", "song.mp3", description256)));
        Assert.Equal(
            Operation.Publish,
            Decoders.RejectRequest(Bytes.Fields("PUBLISH", "alice", "song.mp3", description257)).Operation);
        Assert.Equal(
            Operation.Publish,
            Decoders.RejectRequest(Bytes.FieldsThen(["PUBLISH", "alice", "song.mp3"], Encoding.ASCII.GetBytes(description257))).Operation);
    }

    [Fact]
    public void Remote_user_of_256_bytes_is_accepted_and_257_rejected()
    {
        Assert.Equal(
            new ListContentRequest(null, "alice", Name256),
            Decoders.DecodeRequest(Bytes.Fields("LIST_CONTENT", "alice", Name256)));
        Assert.Equal(Operation.ListContent, Decoders.RejectRequest(Bytes.Fields("LIST_CONTENT", "alice", Name257)).Operation);
        Assert.Equal(
            Operation.ListContent,
            Decoders.RejectRequest(Bytes.FieldsThen(["LIST_CONTENT", "alice"], Encoding.ASCII.GetBytes(Name257))).Operation);
    }

    [Fact]
    public void Port_field_is_limited_to_20_digits()
    {
        var padded20 = Bytes.Repeat('0', 16) + "4500";
        Assert.Equal(new ConnectRequest(null, "alice", 4500), Decoders.DecodeRequest(Bytes.Fields("CONNECT", "alice", padded20)));

        var digits21 = Encoding.ASCII.GetBytes(Bytes.Repeat('0', 17) + "4500");
        Assert.Equal(Operation.Connect, Decoders.RejectRequest(Bytes.FieldsThen(["CONNECT", "alice"], digits21)).Operation);
    }

    [Fact]
    public void Operation_name_is_refused_past_32_bytes_without_a_terminator()
    {
        DecoderChecks.AssertIncomplete(
            Decoders.Directory, Chunking.Contiguous(Encoding.ASCII.GetBytes(Bytes.Repeat('A', 32))), "32-byte operation name");
        var error = Decoders.RejectRequest(Encoding.ASCII.GetBytes(Bytes.Repeat('A', 33)));
        Assert.Null(error.Operation);
    }

    [Fact]
    public void The_longest_incomplete_request_is_bounded_by_the_limits()
    {
        // Every field at its limit and the last one still unterminated: the most a decoder ever waits on.
        byte[] longest = Bytes.FieldsThen(
            ["PUBLISH", Stamp, Name256, Name256], Encoding.ASCII.GetBytes(Bytes.Repeat('d', 256)));
        Assert.Equal(8 + 20 + 257 + 257 + 256, longest.Length);
        DecoderChecks.AssertIncomplete(Decoders.Directory, Chunking.Contiguous(longest), "longest incomplete");
        Assert.Equal(Operation.Publish, Decoders.RejectRequest([.. longest, (byte)'d']).Operation);
    }

    [Fact]
    public void Custom_limits_apply_and_a_timestamp_still_fits_a_short_user_limit()
    {
        var limits = new FieldLimits { UserName = 8, FileName = 10, Description = 12 };
        Assert.Equal(new RegisterRequest(Stamp, "abcdefgh"), Decoders.DecodeRequest(Bytes.Fields("REGISTER", Stamp, "abcdefgh"), limits));
        Assert.Equal(Operation.Register, Decoders.RejectRequest(Bytes.Fields("REGISTER", "abcdefghi"), limits).Operation);
        Assert.Equal(Operation.Register, Decoders.RejectRequest(Bytes.Fields("REGISTER", Stamp, "abcdefghi"), limits).Operation);
        Assert.Equal(
            new PublishRequest(null, "alice", "0123456789", "0123456789ab"),
            Decoders.DecodeRequest(Bytes.Fields("PUBLISH", "alice", "0123456789", "0123456789ab"), limits));
        Assert.Equal(Operation.Publish, Decoders.RejectRequest(Bytes.Fields("PUBLISH", "alice", "0123456789x", "d"), limits).Operation);
        Assert.Equal(Operation.Publish, Decoders.RejectRequest(Bytes.Fields("PUBLISH", "alice", "f", "0123456789abc"), limits).Operation);
    }
}

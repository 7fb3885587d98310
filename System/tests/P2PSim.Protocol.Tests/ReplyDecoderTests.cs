using System.Text;
using P2PSim.Protocol.Messages;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// What the client's reply decoder tolerates (docs/protocol.md §4.3) and what it refuses: a missing or unreadable
/// result code, a list without a valid count, a list shorter than it announces.
/// </summary>
public sealed class ReplyDecoderTests
{
    public static TheoryData<string> UserListIds => ["R-LIST_USERS-1", "R-LIST_USERS-2", "R-LIST_USERS-3"];

    public static TheoryData<string> ContentListIds => ["R-LIST_CONTENT-1", "R-LIST_CONTENT-2"];

    [Fact]
    public void Empty_reply_is_rejected()
    {
        var error = Assert.Throws<ProtocolException>(() => DirectoryReplyDecoder.Decode(Operation.Register, []));
        Assert.Equal(Operation.Register, error.Operation);
    }

    [Theory]
    [InlineData("41 00")] // 'A'
    [InlineData("2D")] // a lone '-'
    [InlineData("2D 32 00")] // -2
    [InlineData("20 30 00")] // leading blank
    [InlineData("80")]
    public void Reply_that_does_not_start_with_a_result_code_is_rejected(string hex)
    {
        Assert.Throws<ProtocolException>(() => DirectoryReplyDecoder.Decode(Operation.Register, Hex.Parse(hex)));
    }

    [Theory]
    [InlineData("")] // the server closed after the code
    [InlineData("x\0")]
    [InlineData("-1\0")]
    [InlineData("+1\0")]
    [InlineData("\0")]
    [InlineData("99999999999\0")] // beyond int
    public void List_without_a_valid_count_is_rejected(string body)
    {
        byte[] reply = [.. "0\0"u8, .. Encoding.ASCII.GetBytes(body)];
        Assert.Equal(Operation.ListUsers, Assert.Throws<ProtocolException>(() => DirectoryReplyDecoder.Decode(Operation.ListUsers, reply)).Operation);
        Assert.Equal(Operation.ListContent, Assert.Throws<ProtocolException>(() => DirectoryReplyDecoder.Decode(Operation.ListContent, reply)).Operation);
    }

    [Theory]
    [MemberData(nameof(UserListIds))]
    public void Every_truncation_of_a_user_list_is_rejected(string id)
    {
        var golden = ReplyCases.Get(id).Bytes;
        for (var length = 0; length < golden.Length; length++)
        {
            var prefix = golden[..length];
            var error = Record.Exception(() => DirectoryReplyDecoder.Decode(Operation.ListUsers, prefix));
            if (error is not ProtocolException)
            {
                Assert.Fail($"{id} cut to {length} bytes ({Hex.Format(prefix)}): expected a ProtocolException, got {error?.ToString() ?? "a reply"}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ContentListIds))]
    public void Every_truncation_of_a_content_list_is_rejected_unless_it_reads_as_names_only(string id)
    {
        // Cut after exactly `count` fields, a pair list is indistinguishable from a names-only list (R-LIST_CONTENT-3)
        // and is accepted as one. Every other cut, inside a field or between count and 2 × count fields, is truncated.
        var golden = ReplyCases.Get(id).Bytes;
        var codeLength = golden[1] == 0 ? 2 : 1;
        var namesOnlyCut = golden.Length - "notes.txt\0\0".Length;
        for (var length = 0; length < golden.Length; length++)
        {
            if (length == namesOnlyCut)
            {
                continue;
            }

            var prefix = golden[..length];
            var error = Record.Exception(() => DirectoryReplyDecoder.Decode(Operation.ListContent, prefix));
            if (error is not ProtocolException)
            {
                Assert.Fail($"{id} cut to {length} bytes ({Hex.Format(prefix[codeLength..])} after the code): expected a ProtocolException, got {error?.ToString() ?? "a reply"}.");
            }
        }
    }

    [Fact]
    public void Content_list_with_more_than_count_but_fewer_than_two_times_count_fields_is_rejected()
    {
        // 2 announced, 3 fields: neither 2 names nor 2 pairs, so a pair list cut inside its last entry. Reading it
        // as names only would report the description "my favourite song" as a file name.
        var reply = "0\0"u8 + "2\0"u8 + "song.mp3\0"u8 + "my favourite song\0"u8 + "notes.txt\0"u8;
        var bytes = reply.ToArray();
        var error = Assert.Throws<ProtocolException>(() => DirectoryReplyDecoder.Decode(Operation.ListContent, bytes));
        Assert.Equal(Operation.ListContent, error.Operation);
    }

    [Fact]
    public void Content_list_with_fewer_fields_than_count_is_rejected()
    {
        var bytes = ("0\0"u8 + "3\0"u8 + "a\0"u8 + "b\0"u8).ToArray();
        Assert.Throws<ProtocolException>(() => DirectoryReplyDecoder.Decode(Operation.ListContent, bytes));
    }

    [Fact]
    public void User_list_with_an_invalid_port_is_rejected()
    {
        var bytes = ("0\0"u8 + "1\0"u8 + "alice\0"u8 + "10.0.0.5\0"u8 + "45x\0"u8).ToArray();
        Assert.Equal(Operation.ListUsers, Assert.Throws<ProtocolException>(() => DirectoryReplyDecoder.Decode(Operation.ListUsers, bytes)).Operation);
    }

    [Fact]
    public void Huge_count_is_rejected_without_allocating_for_it()
    {
        var bytes = ("0\0"u8 + "2147483647\0"u8 + "a\0"u8).ToArray();
        Assert.Throws<ProtocolException>(() => DirectoryReplyDecoder.Decode(Operation.ListUsers, bytes));
        Assert.Throws<ProtocolException>(() => DirectoryReplyDecoder.Decode(Operation.ListContent, bytes));
    }

    [Fact]
    public void Invalid_utf8_in_a_list_is_rejected()
    {
        byte[] reply = [.. "0\0"u8, .. "1\0"u8, .. "so"u8, 0xFF, 0, .. "d\0"u8];
        Assert.Throws<ProtocolException>(() => DirectoryReplyDecoder.Decode(Operation.ListContent, reply));
    }

    [Theory]
    [InlineData(Operation.ListUsers)]
    [InlineData(Operation.ListContent)]
    public void Error_code_of_a_list_operation_carries_no_list(Operation operation)
    {
        var reply = DirectoryReplyDecoder.Decode(operation, "1\0"u8);
        Assert.Equal(1, reply.Code);
        Assert.Null(reply.Users);
        Assert.Null(reply.Files);
    }

    [Fact]
    public void Non_list_reply_ends_at_its_result_code()
    {
        Assert.Equal(new DirectoryReply(Operation.Connect, 2), DirectoryReplyDecoder.Decode(Operation.Connect, "2"u8));
    }
}

using System.Buffers;
using P2PSim.Protocol.Sessions;

namespace P2PSim.Protocol.Tests.Sessions;

public sealed class AccountCodecTests
{
    [Fact]
    public void Requests_and_replies_are_the_golden_bytes_in_their_frames()
    {
        Assert.Equal(Hex.Format(SessionCases.AccountFrame), Hex.Format(Framed(1, new AccountRequest(AccountOperation.Create, "alice", "s3cret-pass"))));
        Assert.Equal(Hex.Format(SessionCases.LoginFrame), Hex.Format(Framed(2, new AccountRequest(AccountOperation.Login, "alice", "s3cret-pass"))));
        Assert.Equal(Hex.Format(SessionCases.ThrottledReplyFrame), Hex.Format(Written(o =>
        {
            var body = new ArrayBufferWriter<byte>();
            AccountCodec.EncodeReply((int)LoginResult.Throttled, body);
            SessionFrameCodec.Write(o, SessionFrameKind.Reply, 2, body.WrittenSpan);
        })));
    }

    [Theory]
    [InlineData(AccountOperation.Create)]
    [InlineData(AccountOperation.Login)]
    public void A_request_decodes_back_to_itself(AccountOperation operation)
    {
        var request = new AccountRequest(operation, "ålice", "pass with blanks ünd ümlauts");
        var body = Written(o => AccountCodec.Encode(request, o));

        Assert.True(AccountCodec.IsAccountRequest(new ReadOnlySequence<byte>(body), out var named));
        Assert.Equal(operation, named);
        Assert.Equal(request, AccountCodec.Decode(new ReadOnlySequence<byte>(body), FieldLimits.Classic));
    }

    [Theory]
    [InlineData("REGISTER\0alice\0")]
    [InlineData("LOGINX\0alice\0pw\0")]
    [InlineData("LOGIN")]
    [InlineData("")]
    public void Classic_requests_and_near_misses_are_not_account_requests(string body)
    {
        Assert.False(AccountCodec.IsAccountRequest(new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(body)), out _));
    }

    [Theory]
    [InlineData("LOGIN\0", "ends before its user name")]
    [InlineData("LOGIN\0alice\0", "ends before its password")]
    [InlineData("LOGIN\0alice\0pw", "ends before its password")]
    [InlineData("ACCOUNT\0alice\0pw\0more", "4 bytes after its password")]
    [InlineData("ACCOUNT\0\0pw\0", "user name is empty")]
    [InlineData("ACCOUNT\0a b\0pw\0", "blank or control")]
    public void Malformed_requests_say_what_is_wrong(string body, string expected)
    {
        var error = Assert.Throws<ProtocolException>(() =>
            AccountCodec.Decode(new ReadOnlySequence<byte>(System.Text.Encoding.UTF8.GetBytes(body)), FieldLimits.Classic));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_over_the_limit_is_refused_both_ways()
    {
        var tooLong = new string('p', AccountCodec.MaxPasswordBytes + 1);
        byte[] body = [.. "LOGIN\0alice\0"u8, .. System.Text.Encoding.UTF8.GetBytes(tooLong), 0];

        Assert.Throws<ProtocolException>(() => AccountCodec.Decode(new ReadOnlySequence<byte>(body), FieldLimits.Classic));
        Assert.Throws<ArgumentException>(() => Written(o => AccountCodec.Encode(new AccountRequest(AccountOperation.Login, "alice", tooLong), o)));
        Assert.Throws<ArgumentException>(() => Written(o => AccountCodec.Encode(new AccountRequest(AccountOperation.Login, "alice", "line\nbreak"), o)));
    }

    [Fact]
    public void A_field_without_one_meaning_on_the_wire_is_refused_before_it_is_written()
    {
        // Built here, not in attributes: attribute strings are stored as UTF-8, which turns a lone surrogate into U+FFFD.
        (string User, string Password, string Expected)[] cases =
        [
            ("alice", "half " + (char)0xD800 + " a pair", "lone surrogate"),
            ("alice", ((char)0xDC00).ToString(), "lone surrogate"),
            ("al" + (char)0xD800 + "ice", "correct horse battery", "user name"),
            ("al\0ice", "correct horse battery", "user name"),
            ("al\nice", "correct horse battery", "user name"),
        ];
        foreach (var (user, password, expected) in cases)
        {
            var error = Assert.Throws<ArgumentException>(() => Written(o => AccountCodec.Encode(new AccountRequest(AccountOperation.Create, user, password), o)));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_password_with_whole_surrogate_pairs_is_written_as_utf8()
    {
        var body = Written(o => AccountCodec.Encode(new AccountRequest(AccountOperation.Login, "alice", "pass 😀 word"), o));

        Assert.Equal([.. "LOGIN\0alice\0"u8, .. System.Text.Encoding.UTF8.GetBytes("pass 😀 word"), 0], body);
    }

    [Fact]
    public void A_request_never_prints_its_password()
    {
        var request = new AccountRequest(AccountOperation.Login, "alice", "s3cret-pass");

        Assert.DoesNotContain("s3cret", request.ToString(), StringComparison.Ordinal);
        Assert.Contains("LOGIN alice", request.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0\0", 0)]
    [InlineData("3\0", 3)]
    public void A_reply_is_one_code(string reply, int code)
    {
        Assert.Equal(code, AccountCodec.DecodeReply(System.Text.Encoding.ASCII.GetBytes(reply)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0\0extra\0")]
    [InlineData("x\0")]
    public void A_reply_that_is_not_one_code_is_a_protocol_error(string reply)
    {
        Assert.Throws<ProtocolException>(() => AccountCodec.DecodeReply(System.Text.Encoding.ASCII.GetBytes(reply)));
    }

    private static byte[] Framed(uint id, AccountRequest request) => Written(o =>
    {
        var body = new ArrayBufferWriter<byte>();
        AccountCodec.Encode(request, body);
        SessionFrameCodec.Write(o, SessionFrameKind.Request, id, body.WrittenSpan);
    });

    private static byte[] Written(Action<ArrayBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return output.WrittenSpan.ToArray();
    }
}

using P2PSim.Protocol.Messages;
using P2PSim.TestKit;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// Malformed directory requests (docs/protocol.md §2.2–2.4 and §5): each is a <see cref="ProtocolException"/>
/// carrying the operation once its name has been read, null before.
/// </summary>
public sealed class RequestValidationTests
{
    private const string Stamp = RequestCases.Stamp;

    public static TheoryData<Operation> AllOperations => [.. Enum.GetValues<Operation>()];

    /// <summary>Invalid UTF-8: a stray byte, a truncated sequence, overlong NUL, a surrogate, above U+10FFFF, a lone continuation.</summary>
    public static TheoryData<string> InvalidUtf8 => ["FF", "C3", "61 C3", "C0 80", "ED A0 80", "F4 90 80 80", "80", "61 E2 82"];

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void Invalid_utf8_in_a_user_name_is_rejected(string hex)
    {
        byte[] request = [.. "REGISTER\0"u8, .. Hex.Parse(hex), 0];
        Assert.Equal(Operation.Register, Decoders.RejectRequest(request).Operation);
    }

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void Invalid_utf8_in_a_file_name_or_description_or_remote_user_is_rejected(string hex)
    {
        var bad = Hex.Parse(hex);
        byte[] fileName = [.. "DELETE\0alice\0"u8, .. bad, 0];
        byte[] description = [.. "PUBLISH\0alice\0song.mp3\0"u8, .. bad, 0];
        byte[] remote = [.. "LIST_CONTENT\0alice\0"u8, .. bad, 0];
        Assert.Equal(Operation.Delete, Decoders.RejectRequest(fileName).Operation);
        Assert.Equal(Operation.Publish, Decoders.RejectRequest(description).Operation);
        Assert.Equal(Operation.ListContent, Decoders.RejectRequest(remote).Operation);
    }

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void Invalid_utf8_in_the_operation_name_is_an_unknown_operation(string hex)
    {
        byte[] request = [.. Hex.Parse(hex), 0, .. "alice\0"u8];
        Assert.Null(Decoders.RejectRequest(request).Operation);
    }

    [Fact]
    public void A_multi_byte_character_split_across_segments_decodes()
    {
        // P-REGISTER-4 is covered at every split by RequestGoldenTests; this pins a 4-byte character too.
        var bytes = Bytes.Fields("REGISTER", "m\U0001F600m");
        DecoderChecks.EverySplit(Decoders.Directory, bytes, new RegisterRequest(null, "m\U0001F600m"));
    }

    [Theory]
    [MemberData(nameof(AllOperations))]
    public void Empty_user_name_is_rejected(Operation operation)
    {
        var fields = Bytes.RequestFields(operation, "");
        Assert.Equal(operation, Decoders.RejectRequest(Bytes.Fields(fields)).Operation);
        Assert.Equal(operation, Decoders.RejectRequest(Bytes.Fields([fields[0], Stamp, .. fields[1..]])).Operation);
    }

    [Fact]
    public void Empty_user_name_is_rejected_before_the_remaining_fields_arrive()
    {
        Assert.Equal(Operation.Connect, Decoders.RejectRequest("CONNECT\0\0"u8).Operation);
    }

    [Fact]
    public void Empty_file_name_and_empty_remote_user_are_rejected()
    {
        Assert.Equal(Operation.Publish, Decoders.RejectRequest(Bytes.Fields("PUBLISH", "alice", "", "my song")).Operation);
        Assert.Equal(Operation.Delete, Decoders.RejectRequest(Bytes.Fields("DELETE", "alice", "")).Operation);
        Assert.Equal(Operation.ListContent, Decoders.RejectRequest(Bytes.Fields("LIST_CONTENT", "alice", "")).Operation);
    }

    [Fact]
    public void Empty_description_is_accepted()
    {
        Assert.Equal(
            new PublishRequest(null, "alice", "song.mp3", ""),
            Decoders.DecodeRequest(Bytes.Fields("PUBLISH", "alice", "song.mp3", "")));
    }

    [Theory]
    [InlineData("al ice")]
    [InlineData(" alice")]
    [InlineData("alice ")]
    [InlineData("al\tice")]
    [InlineData("alice\r")] // a CR LF client: \n ends the field, the CR stays in it
    [InlineData("al\u00a0ice")] // no-break space
    [InlineData("al\u2003ice")] // em space
    [InlineData("al\u0001ice")] // control character
    [InlineData("al\u007fice")] // DEL
    public void Blanks_and_control_characters_in_names_are_rejected(string name)
    {
        Assert.Equal(Operation.Register, Decoders.RejectRequest(Bytes.Fields("REGISTER", name)).Operation);
        Assert.Equal(Operation.Register, Decoders.RejectRequest(Bytes.Fields("REGISTER", Stamp, name)).Operation);
        Assert.Equal(Operation.Publish, Decoders.RejectRequest(Bytes.Fields("PUBLISH", "alice", name, "d")).Operation);
        Assert.Equal(Operation.Delete, Decoders.RejectRequest(Bytes.Fields("DELETE", "alice", name)).Operation);
        Assert.Equal(Operation.ListContent, Decoders.RejectRequest(Bytes.Fields("LIST_CONTENT", "alice", name)).Operation);
    }

    [Fact]
    public void Blanks_in_a_description_are_accepted()
    {
        Assert.Equal(
            new PublishRequest(null, "alice", "song.mp3", "  a\tb  "),
            Decoders.DecodeRequest(Bytes.Fields("PUBLISH", "alice", "song.mp3", "  a\tb  ")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("99999")]
    [InlineData("12a")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+80")]
    [InlineData(" 80")]
    [InlineData("80 ")]
    [InlineData("0x50")]
    [InlineData("1e3")]
    [InlineData("\u0664\u0665")] // Arabic-Indic digits: not ASCII
    [InlineData("99999999999999999999")] // 20 digits: within the field limit, beyond int
    public void Bad_ports_are_rejected(string port)
    {
        Assert.Equal(Operation.Connect, Decoders.RejectRequest(Bytes.Fields("CONNECT", "alice", port)).Operation);
        Assert.Equal(Operation.Connect, Decoders.RejectRequest(Bytes.Fields("CONNECT", Stamp, "alice", port)).Operation);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("65535", 65535)]
    [InlineData("080", 80)]
    public void Ports_from_1_to_65535_are_accepted(string port, int expected)
    {
        Assert.Equal(new ConnectRequest(null, "alice", expected), Decoders.DecodeRequest(Bytes.Fields("CONNECT", "alice", port)));
    }

    [Theory]
    [InlineData("24/11/2025_18:30:05")] // '_' instead of the blank
    [InlineData("24/11/2025T18:30:05")]
    [InlineData("24-11-2025-18:30:05")]
    [InlineData("24/11/2025")]
    [InlineData("18:30:05")]
    public void User_names_shaped_almost_like_a_timestamp_are_user_names(string user)
    {
        Assert.Equal(new RegisterRequest(null, user), Decoders.DecodeRequest(Bytes.Fields("REGISTER", user)));
        Assert.Equal(new RegisterRequest(Stamp, user), Decoders.DecodeRequest(Bytes.Fields("REGISTER", Stamp, user)));
    }

    [Theory]
    [InlineData("24/11/2025 18:30")] // too short
    [InlineData("24/11/2025 18:30:05x")] // too long
    [InlineData("2025/11/24 18.30.05")] // a year-first date, but dots in the time
    [InlineData("hello world 1234567")] // 19 characters with a blank, nothing like a date
    [InlineData("24/11/2025  8:30:05")] // blank-padded hour
    public void Almost_timestamps_with_a_blank_are_rejected_as_user_names(string field)
    {
        Assert.Equal(Operation.Register, Decoders.RejectRequest(Bytes.Fields("REGISTER", field)).Operation);
    }

    [Fact]
    public void Timestamp_is_recognised_by_its_shape_only()
    {
        // No calendar check: a server must not refuse a request because a client's clock string is odd.
        Assert.Equal(
            new RegisterRequest("99/99/9999 99:99:99", "alice"),
            Decoders.DecodeRequest(Bytes.Fields("REGISTER", "99/99/9999 99:99:99", "alice")));
    }

    [Fact]
    public void A_second_timestamp_is_rejected_as_a_user_name_with_a_blank()
    {
        Assert.Equal(Operation.Register, Decoders.RejectRequest(Bytes.Fields("REGISTER", Stamp, Stamp)).Operation);
    }

    [Fact]
    public void A_timestamp_without_a_user_waits_for_the_user()
    {
        DecoderChecks.AssertIncomplete(Decoders.Directory, Chunking.Contiguous(Bytes.Fields("REGISTER", Stamp)), "timestamp only");
    }

    [Theory]
    [InlineData("HELLO")]
    [InlineData("register")] // wire names are exact upper case
    [InlineData("Register")]
    [InlineData("GET_FILE")] // a peer operation sent to the directory
    [InlineData("")]
    [InlineData(" REGISTER")]
    [InlineData("REGISTER ")]
    [InlineData("LIST_USER")]
    public void Unknown_operation_is_rejected_without_an_operation(string name)
    {
        Assert.Null(Decoders.RejectRequest(Bytes.Fields(name, "alice")).Operation);
    }

    [Fact]
    public void Unknown_operation_is_rejected_as_soon_as_its_name_ends()
    {
        Assert.Null(Decoders.RejectRequest("HELLO\0"u8).Operation);
        Assert.Null(Decoders.RejectRequest("HELLO\n"u8).Operation);
    }

    [Fact]
    public void Newline_terminates_every_field()
    {
        Assert.Equal(
            new PublishRequest(Stamp, "alice", "song.mp3", "my song"),
            Decoders.DecodeRequest("PUBLISH\n24/11/2025 18:30:05\nalice\nsong.mp3\nmy song\n"u8));
        Assert.Equal(
            new ListContentRequest(null, "alice", "bob"),
            Decoders.DecodeRequest("LIST_CONTENT\nalice\nbob\n"u8));
    }
}

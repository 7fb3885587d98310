namespace P2PSim.Protocol.Tests.Sessions;

/// <summary>
/// Golden bytes of the session protocol, each documented in docs/sessions.md under its id (ProtocolDocTests keeps
/// the two in step). Each case is the parts of one exchange: what one side sends, then (after → in the doc) the answer.
/// </summary>
internal static class SessionCases
{
    public static byte[] Hello { get; } = [.. "SESSION\0"u8, .. "1\0"u8];

    /// <summary>The terms of a server with the classic field limits and default session options.</summary>
    public static byte[] Terms { get; } = [.. "0\0"u8, .. "1\0"u8, .. "833\0"u8, .. "64\0"u8, .. "15\0"u8, .. "60\0"u8];

    public static byte[] RegisterFrame { get; } = [0, 0, 0, 0x14, 1, 0, 0, 0, 1, .. "REGISTER\0"u8, .. "alice\0"u8];

    public static byte[] RegisterReplyFrame { get; } = [0, 0, 0, 0x07, 2, 0, 0, 0, 1, .. "0\0"u8];

    public static byte[] PingFrame { get; } = [0, 0, 0, 0x05, 3, 0, 0, 0, 7];

    public static byte[] PongFrame { get; } = [0, 0, 0, 0x05, 4, 0, 0, 0, 7];

    public static byte[] IdleCloseFrame { get; } = [0, 0, 0, 0x26, 5, 0, 0, 0, 0, .. "3\0"u8, .. "No frame within the idle time.\0"u8];

    public static byte[] AccountFrame { get; } = [0, 0, 0, 0x1F, 1, 0, 0, 0, 1, .. "ACCOUNT\0"u8, .. "alice\0"u8, .. "s3cret-pass\0"u8];

    public static byte[] AccountReplyFrame { get; } = [0, 0, 0, 0x07, 2, 0, 0, 0, 1, .. "0\0"u8];

    public static byte[] LoginFrame { get; } = [0, 0, 0, 0x1D, 1, 0, 0, 0, 2, .. "LOGIN\0"u8, .. "alice\0"u8, .. "s3cret-pass\0"u8];

    public static byte[] LoginReplyFrame { get; } = [0, 0, 0, 0x07, 2, 0, 0, 0, 2, .. "0\0"u8];

    public static byte[] ThrottledReplyFrame { get; } = [0, 0, 0, 0x07, 2, 0, 0, 0, 2, .. "2\0"u8];

    public static IReadOnlyList<(string Id, byte[][] Parts)> All { get; } =
    [
        ("S-HELLO-1", [Hello, Terms]),
        ("S-DECLINED-1", [Hello, [.. "-1\0"u8]]),
        ("S-REQUEST-1", [RegisterFrame, RegisterReplyFrame]),
        ("S-PING-1", [PingFrame, PongFrame]),
        ("S-CLOSE-1", [IdleCloseFrame]),
        ("S-ACCOUNT-1", [AccountFrame, AccountReplyFrame]),
        ("S-LOGIN-1", [LoginFrame, LoginReplyFrame]),
        ("S-LOGIN-2", [LoginFrame, ThrottledReplyFrame]),
    ];
}

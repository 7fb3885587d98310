namespace P2PSim.Rpc.Tests;

/// <summary>
/// Golden vectors produced by libtirpc 1.3 (Debian 12) from the XDR routines rpcgen generated from
/// System/P2PSim.Rpc/p2psim_log.x (xdr_log_entry, xdr_log_batch) and libtirpc's own xdr_authunix_parms,
/// xdr_callmsg and xdr_replymsg, each serialized with xdrmem_create into a memory buffer and printed as hex.
/// golden/p2psim_log_golden.c is the program that printed them (with how to rebuild it).
/// </summary>
internal static class Golden
{
    /// <summary>
    /// The entry used by every vector: user "alice", operation "PUBLISH", file "song.mp3",
    /// timestamp "24/11/2026 21:11:27", sender "dir-1", sequence 0x0102030405060708.
    /// </summary>
    public static LogEntry Entry { get; } =
        new("alice", "PUBLISH", "song.mp3", "24/11/2026 21:11:27", "dir-1", 0x0102030405060708);

    /// <summary>The second batch entry: "bob", "LIST_USERS", no file, same timestamp, no sender, sequence 2.</summary>
    public static LogEntry Entry2 { get; } = new("bob", "LIST_USERS", "", "24/11/2026 21:11:27", "", 2);

    /// <summary>xdr_log_entry(Entry).</summary>
    public static byte[] LogEntry { get; } = Convert.FromHexString(
        "00000005616c696365000000000000075055424c4953480000000008736f6e672e6d70330000001332342f31312f323032362032313a31313a323700000000056469722d310000000102030405060708");

    /// <summary>xdr_log_batch({Entry, Entry2}).</summary>
    public static byte[] LogBatch { get; } = Convert.FromHexString(
        "0000000200000005616c696365000000000000075055424c4953480000000008736f6e672e6d70330000001332342f31312f323032362032313a31313a323700000000056469722d31000000010203040506070800000003626f62000000000a4c4953545f55534552530000000000000000001332342f31312f323032362032313a31313a323700000000000000000000000002");

    /// <summary>xdr_authunix_parms(stamp 0x05f5e100, "peer-host", uid 1000, gid 100, gids {100, 27, 4}).</summary>
    public static byte[] AuthSysBody { get; } = Convert.FromHexString(
        "05f5e10000000009706565722d686f7374000000000003e80000006400000003000000640000001b00000004");

    /// <summary>xdr_callmsg(xid 0x12345678, prog 0x20050105, vers 1, proc LOG_ENTRY, AUTH_SYS cred above, AUTH_NONE verf) then xdr_log_entry(Entry).</summary>
    public static byte[] CallAuthSys { get; } = Convert.FromHexString(
        "123456780000000000000002200501050000000100000001000000010000002c05f5e10000000009706565722d686f7374000000000003e80000006400000003000000640000001b00000004000000000000000000000005616c696365000000000000075055424c4953480000000008736f6e672e6d70330000001332342f31312f323032362032313a31313a323700000000056469722d310000000102030405060708");

    /// <summary>xdr_callmsg(xid 1, prog 0x20050105, vers 1, proc 0 NULL, AUTH_NONE cred and verf), no arguments.</summary>
    public static byte[] CallNull { get; } = Convert.FromHexString(
        "00000001000000000000000220050105000000010000000000000000000000000000000000000000");

    /// <summary>xdr_replymsg for xid 0x12345678, AUTH_NONE verifier: SUCCESS with the int result 0.</summary>
    public static byte[] ReplySuccess { get; } = Convert.FromHexString("12345678000000010000000000000000000000000000000000000000");

    /// <summary>xdr_replymsg: MSG_ACCEPTED / PROG_UNAVAIL.</summary>
    public static byte[] ReplyProgramUnavailable { get; } = Convert.FromHexString("123456780000000100000000000000000000000000000001");

    /// <summary>xdr_replymsg: MSG_ACCEPTED / PROG_MISMATCH low 1 high 3.</summary>
    public static byte[] ReplyProgramMismatch { get; } = Convert.FromHexString("1234567800000001000000000000000000000000000000020000000100000003");

    /// <summary>xdr_replymsg: MSG_ACCEPTED / PROC_UNAVAIL.</summary>
    public static byte[] ReplyProcedureUnavailable { get; } = Convert.FromHexString("123456780000000100000000000000000000000000000003");

    /// <summary>xdr_replymsg: MSG_ACCEPTED / GARBAGE_ARGS.</summary>
    public static byte[] ReplyGarbageArguments { get; } = Convert.FromHexString("123456780000000100000000000000000000000000000004");

    /// <summary>xdr_replymsg: MSG_ACCEPTED / SYSTEM_ERR.</summary>
    public static byte[] ReplySystemError { get; } = Convert.FromHexString("123456780000000100000000000000000000000000000005");

    /// <summary>xdr_replymsg: MSG_DENIED / RPC_MISMATCH low 2 high 2.</summary>
    public static byte[] ReplyRpcMismatch { get; } = Convert.FromHexString("123456780000000100000001000000000000000200000002");

    /// <summary>xdr_replymsg: MSG_DENIED / AUTH_ERROR AUTH_TOOWEAK (5).</summary>
    public static byte[] ReplyAuthError { get; } = Convert.FromHexString("1234567800000001000000010000000100000005");

    /// <summary>Every decodable golden message, for the fuzz tests' mutations.</summary>
    public static IReadOnlyList<byte[]> AllMessages { get; } =
    [
        CallAuthSys, CallNull, ReplySuccess, ReplyProgramUnavailable, ReplyProgramMismatch, ReplyProcedureUnavailable,
        ReplyGarbageArguments, ReplySystemError, ReplyRpcMismatch, ReplyAuthError,
    ];
}

using P2PSim.Protocol;

namespace P2PSim.DirectoryServer;

/// <summary>
/// One request the server handled, as observers see it: the console line, the operation log.
/// <see cref="Timestamp"/> is the client's stamp, or null when the request had none.
/// </summary>
public sealed record OperationRecord(
    Operation Operation, string User, string? FileName, string? Timestamp, int ResultCode, string RemoteHost);

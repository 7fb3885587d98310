namespace P2PSim.Protocol.Sessions;

/// <summary>A decoded <c>ACCOUNT</c> or <c>LOGIN</c> request.</summary>
/// <param name="Operation">Which of the two.</param>
/// <param name="User">The account's user name (the classic user name rules).</param>
/// <param name="Password">The password as sent: UTF-8 text without NUL or newline.</param>
public sealed record AccountRequest(AccountOperation Operation, string User, string Password)
{
    /// <summary>Never shows the password, so a request can be logged or printed by a test safely.</summary>
    public override string ToString() => $"{AccountCodec.WireName(Operation)} {User} (password not shown)";
}

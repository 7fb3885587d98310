using System.Text;
using P2PSim.PropertyTests.Generators;
using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Model;

/// <summary>
/// Spec §1's field rules, restated independently of the decoder: names are 1..256 UTF-8 bytes with no blank or
/// control character, a description is at most 256 bytes (blanks allowed), a port is 1..65535; and extensions §1's:
/// SEARCH text is 1..256 bytes (blanks allowed), its result count 1..2³¹−1.
/// </summary>
internal static class WellFormedRequest
{
    public const int FieldLimit = 256;

    public static bool Is(DirectoryCommand c) => IsName(c.User) && c.Operation switch
    {
        Operation.Connect => c.Port is >= 1 and <= 65535,
        Operation.Publish => IsName(c.FileName) && Encoding.UTF8.GetByteCount(c.Description) <= FieldLimit,
        Operation.Delete => IsName(c.FileName),
        Operation.ListContent => IsName(c.RemoteUser),
        Operation.FindSources => IsName(c.FileName),
        Operation.Search => c.SearchText.Length > 0 && Encoding.UTF8.GetByteCount(c.SearchText) <= FieldLimit && c.MaxResults >= 1,
        _ => true,
    };

    /// <summary>
    /// Whether the client sends it at all: a NUL, a newline or a lone surrogate (no UTF-8 form) in a field it writes
    /// would change the request's meaning, so the client refuses it and the server never sees it.
    /// </summary>
    public static bool IsSendable(DirectoryCommand c) => c.Operation switch
    {
        Operation.Publish => Sendable(c.User) && Sendable(c.FileName) && Sendable(c.Description),
        Operation.Delete => Sendable(c.User) && Sendable(c.FileName),
        Operation.ListContent => Sendable(c.User) && Sendable(c.RemoteUser),
        Operation.FindSources => Sendable(c.User) && Sendable(c.FileName),
        Operation.Search => Sendable(c.User) && Sendable(c.SearchText),
        _ => Sendable(c.User),
    };

    public static bool IsName(string name) =>
        name.Length > 0 && Encoding.UTF8.GetByteCount(name) <= FieldLimit &&
        !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    private static bool Sendable(string field) =>
        !field.Contains('\0', StringComparison.Ordinal) && !field.Contains('\n', StringComparison.Ordinal) &&
        Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(field)) == field;
}

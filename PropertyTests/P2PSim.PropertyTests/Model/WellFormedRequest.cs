using System.Text;
using P2PSim.PropertyTests.Generators;
using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Model;

/// <summary>
/// Spec §1's field rules, restated independently of the decoder: names are 1..256 UTF-8 bytes with no blank or
/// control character, a description is at most 256 bytes (blanks allowed), a port is 1..65535.
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
        _ => true,
    };

    public static bool IsName(string name) =>
        name.Length > 0 && Encoding.UTF8.GetByteCount(name) <= FieldLimit &&
        !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}

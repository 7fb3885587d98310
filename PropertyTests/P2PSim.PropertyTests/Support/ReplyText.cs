using System.Text;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;

namespace P2PSim.PropertyTests.Support;

/// <summary>Readable one-line renderings of replies for transcripts and counterexamples.</summary>
internal static class ReplyText
{
    public static string Describe(DirectoryReply reply)
    {
        var text = $"{reply.Operation.WireName()} {reply.Code}";
        if (reply.Users is { } users)
        {
            text += " users {" + string.Join(", ", users.OrderBy(u => u.Name, StringComparer.Ordinal)
                .Select(u => $"{Quote(u.Name)}@{u.Ip}:{u.Port}")) + "}";
        }

        if (reply.Files is { } files)
        {
            text += " files {" + string.Join(", ", files.OrderBy(f => f.FileName, StringComparer.Ordinal)
                .Select(f => $"{Quote(f.FileName)}={Quote(f.Description)}")) + "}";
        }

        if (reply.Hits is { } hits)
        {
            text += " hits {" + string.Join(", ", hits.OrderBy(h => h.User, StringComparer.Ordinal).ThenBy(h => h.FileName, StringComparer.Ordinal)
                .Select(h => $"{Quote(h.User)}:{Quote(h.FileName)}={Quote(h.Description)}")) + "}";
        }

        return text;
    }

    /// <summary>
    /// Quotes a field, shortening long ones (with their UTF-8 size) so a transcript stays one line per request, and
    /// escaping control characters and lone surrogates so they show.
    /// </summary>
    public static string Quote(string value) =>
        value.Length > 24
            ? $"\"{Escape(value[..12])}…{Escape(value[^8..])}\"({Encoding.UTF8.GetByteCount(value)} bytes)"
            : $"\"{Escape(value)}\"";

    private static string Escape(string value) =>
        string.Concat(value.Select((c, i) => char.IsControl(c) || IsLoneSurrogate(value, i) ? $"\\u{(int)c:x4}" : c.ToString()));

    private static bool IsLoneSurrogate(string value, int i) =>
        (char.IsHighSurrogate(value[i]) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))) ||
        (char.IsLowSurrogate(value[i]) && (i == 0 || !char.IsHighSurrogate(value[i - 1])));
}

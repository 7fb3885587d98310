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

        return text;
    }

    /// <summary>Quotes a field, shortening long ones so a transcript stays one line per request.</summary>
    public static string Quote(string value) =>
        value.Length > 24 ? $"\"{value[..12]}…{value[^8..]}\"({value.Length} chars)" : $"\"{value}\"";
}

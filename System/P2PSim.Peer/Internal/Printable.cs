namespace P2PSim.Peer.Internal;

/// <summary>Keeps log lines readable when a client sends binary garbage as a name.</summary>
internal static class Printable
{
    public static string Of(string text)
    {
        var shown = text.Length > 60 ? text[..60] + "…" : text;
        return string.Create(shown.Length, shown, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
    }
}

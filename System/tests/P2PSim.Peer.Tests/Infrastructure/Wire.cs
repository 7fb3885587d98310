using System.Text;

namespace P2PSim.Peer.Tests.Infrastructure;

/// <summary>Builds classic wire bytes readably: each field, then its NUL.</summary>
internal static class Wire
{
    public static byte[] Fields(params string[] fields) =>
        Encoding.UTF8.GetBytes(string.Concat(fields.Select(f => f + "\0")));
}

using System.Text;

namespace P2PSim.Protocol.Tests;

/// <summary>Builds request bytes for tests that need fields too long or too odd to write as literals.</summary>
internal static class Bytes
{
    /// <summary>Each field as UTF-8 followed by NUL.</summary>
    public static byte[] Fields(params string[] fields) =>
        [.. fields.SelectMany(f => Encoding.UTF8.GetBytes(f).Append((byte)0))];

    /// <summary>The fields, NUL-terminated, then <paramref name="tail"/> as raw bytes (no terminator).</summary>
    public static byte[] FieldsThen(string[] fields, ReadOnlySpan<byte> tail) => [.. Fields(fields), .. tail];

    /// <summary>The fields of a valid <paramref name="operation"/> request whose user is <paramref name="user"/>.</summary>
    public static string[] RequestFields(Operation operation, string user) => operation switch
    {
        Operation.Connect => ["CONNECT", user, "4500"],
        Operation.Publish => ["PUBLISH", user, "song.mp3", "my song"],
        Operation.Delete => ["DELETE", user, "song.mp3"],
        Operation.ListContent => ["LIST_CONTENT", user, "bob"],
        Operation.FindSources => ["FIND_SOURCES", user, "song.mp3"],
        Operation.Search => ["SEARCH", user, "my song", "10"],
        _ => [operation.WireName(), user],
    };

    /// <summary><paramref name="count"/> copies of <paramref name="c"/>.</summary>
    public static string Repeat(char c, int count) => new(c, count);
}

using System.Globalization;
using System.Text.RegularExpressions;
using P2PSim.Protocol.Tests.Sessions;

namespace P2PSim.Protocol.Tests;

/// <summary>
/// Keeps docs/protocol.md and the golden cases in step: every example block there has a golden case here with the
/// same bytes, and every golden case is documented. An example block is a fenced block whose first line starts with
/// the id; each following line starts with hex pairs (<c>61×257</c> repeats a byte), then a quoted annotation; a line
/// starting with <c>→</c> begins the next part (the reply).
/// </summary>
public sealed partial class ProtocolDocTests
{
    // The classic protocol and its extensions in docs/protocol.md, the session protocol in docs/sessions.md.
    private static readonly Lazy<Dictionary<string, List<byte[]>>> Documented = new(() =>
        ParseExamples(File.ReadAllText(FindDoc("protocol.md")) + "\n" + File.ReadAllText(FindDoc("sessions.md"))));

    public static TheoryData<string> GoldenIds => [.. Golden().Keys];

    [Theory]
    [MemberData(nameof(GoldenIds))]
    public void Documented_bytes_match_the_golden_case(string id)
    {
        Assert.True(Documented.Value.TryGetValue(id, out var parts), $"{id} is not documented in docs/protocol.md or docs/sessions.md.");
        var golden = Golden()[id];
        Assert.Equal(golden.Length, parts.Count);
        for (var i = 0; i < golden.Length; i++)
        {
            Assert.Equal(Hex.Format(golden[i]), Hex.Format(parts[i]));
        }
    }

    [Fact]
    public void Every_documented_example_has_a_golden_case()
    {
        Assert.Empty(Documented.Value.Keys.Except(Golden().Keys).Order(StringComparer.Ordinal));
    }

    /// <summary>Every golden case of this project by id, as the parts its docs block shows.</summary>
    private static Dictionary<string, byte[][]> Golden()
    {
        var all = new Dictionary<string, byte[][]>();
        foreach (var c in RequestCases.All)
        {
            all.Add(c.Id, [c.Bytes]);
        }

        foreach (var c in ReplyCases.All)
        {
            all.Add(c.Id, [c.Bytes]);
        }

        foreach (var c in GetFileCases.Requests)
        {
            all.Add(c.Id, [c.Bytes]);
        }

        foreach (var c in GetFileCases.Replies)
        {
            all.Add(c.Id, [c.Bytes]);
        }

        foreach (var c in ErrorCases.All)
        {
            all.Add(c.Id, [c.Request, c.Reply]);
        }

        foreach (var c in SessionCases.All)
        {
            all.Add(c.Id, c.Parts);
        }

        return all;
    }

    private static Dictionary<string, List<byte[]>> ParseExamples(string markdown)
    {
        var examples = new Dictionary<string, List<byte[]>>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal) || i + 1 >= lines.Length)
            {
                continue;
            }

            var id = lines[i + 1].Split(' ', 2)[0];
            if (!IdPattern().IsMatch(id))
            {
                i = SkipBlock(lines, i);
                continue;
            }

            List<byte> current = [];
            var parts = new List<byte[]>();
            var j = i + 2;
            for (; j < lines.Length && !lines[j].StartsWith("```", StringComparison.Ordinal); j++)
            {
                if (lines[j].StartsWith('→'))
                {
                    parts.Add([.. current]);
                    current = [];
                    continue;
                }

                foreach (var token in lines[j].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var match = HexToken().Match(token);
                    if (!match.Success)
                    {
                        break;
                    }

                    var value = byte.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    var count = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
                    current.AddRange(Enumerable.Repeat(value, count));
                }
            }

            parts.Add([.. current]);
            Assert.True(examples.TryAdd(id, parts), $"{id} is documented twice.");
            i = j;
        }

        return examples;
    }

    private static int SkipBlock(string[] lines, int start)
    {
        var j = start + 1;
        while (j < lines.Length && !lines[j].StartsWith("```", StringComparison.Ordinal))
        {
            j++;
        }

        return j;
    }

    private static string FindDoc(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"docs/{name} not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^[PRGES](-[A-Z_]+)*-\d+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^([0-9A-F]{2})(?:×(\d+))?$")]
    private static partial Regex HexToken();
}

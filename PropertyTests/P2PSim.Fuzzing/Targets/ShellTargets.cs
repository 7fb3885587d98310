using System.Text;
using P2PSim.Shell;

namespace P2PSim.Fuzzing.Targets;

/// <summary>The peer's c&gt; shell: console lines as the user types them.</summary>
internal static class ShellTargets
{
    public static IEnumerable<FuzzTarget> All()
    {
        yield return new FuzzTarget(
            "shell-line",
            "Console input, line by line, through ShellParser.Parse: every line parses to a command, an error or blank.",
            Lines);
    }

    private static void Lines(byte[] input)
    {
        using var reader = new StringReader(Encoding.UTF8.GetString(input));
        while (reader.ReadLine() is { } line)
        {
            var parsed = ShellParser.Parse(line);
            if (parsed.Command is not null && parsed.Error is not null)
            {
                throw new FuzzFindingException($"The line '{line}' parsed to a command and an error.");
            }
        }
    }
}

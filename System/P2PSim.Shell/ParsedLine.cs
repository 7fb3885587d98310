namespace P2PSim.Shell;

/// <summary>What one input line means: a command to run, an error line to print, or nothing (a blank line).</summary>
internal sealed record ParsedLine(ShellCommand? Command, string? Error)
{
    public static ParsedLine Blank { get; } = new(null, null);

    public static ParsedLine Of(ShellCommand command) => new(command, null);

    public static ParsedLine Invalid(string error) => new(null, error);
}

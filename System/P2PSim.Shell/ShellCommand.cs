namespace P2PSim.Shell;

/// <summary>
/// A parsed console line: the command and its arguments, already checked for count. For PUBLISH the second
/// argument is the whole rest of the line (the description may contain blanks), and for SEARCH the only one.
/// </summary>
internal sealed record ShellCommand(ShellVerb Verb, IReadOnlyList<string> Arguments)
{
    public string this[int index] => Arguments[index];
}

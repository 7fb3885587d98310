namespace P2PSim.Shell;

/// <summary>
/// Turns a console line into a <see cref="ParsedLine"/> (pure: no I/O). The command word is case-insensitive;
/// arguments are separated by blanks and keep their case; PUBLISH's description and SEARCH's text are the rest of
/// the line.
/// </summary>
internal static class ShellParser
{
    private static readonly Dictionary<string, ShellVerb> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["REGISTER"] = ShellVerb.Register,
        ["UNREGISTER"] = ShellVerb.Unregister,
        ["CONNECT"] = ShellVerb.Connect,
        ["DISCONNECT"] = ShellVerb.Disconnect,
        ["PUBLISH"] = ShellVerb.Publish,
        ["DELETE"] = ShellVerb.Delete,
        ["LIST_USERS"] = ShellVerb.ListUsers,
        ["LIST_CONTENT"] = ShellVerb.ListContent,
        ["GET_FILE"] = ShellVerb.GetFile,
        ["GET_MULTIFILE"] = ShellVerb.GetMultiFile,
        ["SEARCH"] = ShellVerb.Search,
        ["ACCOUNT"] = ShellVerb.Account,
        ["LOGIN"] = ShellVerb.Login,
        ["QUIT"] = ShellVerb.Quit,
    };

    /// <summary>The command word as typed in the spec (<c>LIST_USERS</c>).</summary>
    public static string Word(ShellVerb verb) => verb switch
    {
        ShellVerb.ListUsers => "LIST_USERS",
        ShellVerb.ListContent => "LIST_CONTENT",
        ShellVerb.GetFile => "GET_FILE",
        ShellVerb.GetMultiFile => "GET_MULTIFILE",
        _ => verb.ToString().ToUpperInvariant(),
    };

    /// <summary>Maps a command word, in any case, to its verb.</summary>
    public static bool TryParseWord(string word, out ShellVerb verb) => Verbs.TryGetValue(word, out verb);

    public static ParsedLine Parse(string line)
    {
        var tokens = Tokenize(line);
        if (tokens.Count == 0)
        {
            return ParsedLine.Blank;
        }

        var word = Text(line, tokens[0]);
        if (!TryParseWord(word, out var verb))
        {
            return ParsedLine.Invalid(ShellMessages.InvalidCommand(word));
        }

        var arguments = new List<string>(tokens.Count - 1);
        for (var i = 1; i < tokens.Count; i++)
        {
            arguments.Add(Text(line, tokens[i]));
        }

        if (verb == ShellVerb.Publish && arguments.Count >= 2)
        {
            // The description is everything after the file name, inner spacing kept.
            arguments = [arguments[0], line[tokens[2].Start..].TrimEnd()];
        }
        else if (verb == ShellVerb.Search && arguments.Count >= 1)
        {
            // The search text may hold blanks (extensions §1): everything after the command word, inner spacing kept.
            arguments = [line[tokens[1].Start..].TrimEnd()];
        }

        var valid = arguments.Count == ArgumentCount(verb) && !arguments.Any(HasControlCharacter);
        return valid ? ParsedLine.Of(new ShellCommand(verb, arguments)) : ParsedLine.Invalid(ShellMessages.Usage(verb));
    }

    private static int ArgumentCount(ShellVerb verb) => verb switch
    {
        ShellVerb.ListUsers or ShellVerb.Quit => 0,
        ShellVerb.Publish or ShellVerb.GetMultiFile => 2,
        ShellVerb.GetFile => 3,
        _ => 1,
    };

    /// <summary>A NUL or other control character would corrupt a NUL-terminated field on the wire.</summary>
    private static bool HasControlCharacter(string argument) => argument.Any(char.IsControl);

    private static List<(int Start, int Length)> Tokenize(string line)
    {
        var tokens = new List<(int Start, int Length)>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && IsBlank(line[i]))
            {
                i++;
            }

            var start = i;
            while (i < line.Length && !IsBlank(line[i]))
            {
                i++;
            }

            if (i > start)
            {
                tokens.Add((start, i - start));
            }
        }

        return tokens;
    }

    // White space separates; other control characters such as NUL stay inside their token so the argument check
    // refuses them.
    private static bool IsBlank(char c) => char.IsWhiteSpace(c);

    private static string Text(string line, (int Start, int Length) token) => line.Substring(token.Start, token.Length);
}

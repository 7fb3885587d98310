using System.Globalization;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Protocol.Messages;

namespace P2PSim.Shell;

/// <summary>
/// Every line the classic console prints, in one place, transcribed from the spec's table (§4) so tests can hold
/// it against the spec row by row. Index = result code; codes past a row's end, and network errors, print the
/// row's <c>FAIL</c> line. The list lines are public so that <c>p2psim search</c> prints hits exactly as the shell does.
/// </summary>
public static class ShellMessages
{
    public const string Prompt = "c> ";

    public const string Finished = "+++ FINISHED +++";

    private static readonly Dictionary<ShellVerb, string[]> ByCode = new()
    {
        [ShellVerb.Register] = ["REGISTER OK", "USERNAME IN USE", "REGISTER FAIL"],
        [ShellVerb.Unregister] = ["UNREGISTER OK", "USER DOES NOT EXIST", "UNREGISTER FAIL"],
        [ShellVerb.Connect] = ["CONNECT OK", "CONNECT FAIL, USER DOES NOT EXIST", "USER ALREADY CONNECTED", "CONNECT FAIL"],
        [ShellVerb.Publish] =
        [
            "PUBLISH OK", "PUBLISH FAIL, USER DOES NOT EXIST", "PUBLISH FAIL, USER NOT CONNECTED",
            "PUBLISH FAIL, CONTENT ALREADY PUBLISHED",
        ],
        [ShellVerb.Delete] =
        [
            "DELETE OK", "DELETE FAIL, USER DOES NOT EXIST", "DELETE FAIL, USER NOT CONNECTED",
            "DELETE FAIL, CONTENT NOT PUBLISHED",
        ],
        [ShellVerb.ListUsers] =
            ["LIST_USERS OK", "LIST_USERS FAIL, USER DOES NOT EXIST", "LIST_USERS FAIL, USER NOT CONNECTED", "LIST_USERS FAIL"],
        [ShellVerb.ListContent] =
        [
            "LIST_CONTENT OK", "LIST_CONTENT FAIL, USER DOES NOT EXIST", "LIST_CONTENT FAIL, USER NOT CONNECTED",
            "LIST_CONTENT FAIL, REMOTE USER DOES NOT EXIST",
        ],
        [ShellVerb.Disconnect] =
            ["DISCONNECT OK", "DISCONNECT FAIL / USER DOES NOT EXIST", "DISCONNECT FAIL / USER NOT CONNECTED", "DISCONNECT FAIL"],
        [ShellVerb.GetFile] = ["GET_FILE OK", "GET_FILE FAIL / FILE NOT EXIST", "GET_FILE FAIL"],

        // P2PSim's extension, worded like GET_FILE.
        [ShellVerb.GetMultiFile] = ["GET_MULTIFILE OK", "GET_MULTIFILE FAIL / FILE NOT EXIST", "GET_MULTIFILE FAIL"],

        // P2PSim's directory extension: 0 then one line per hit; any other code (3: a malformed request, -1: a
        // classic server) is the FAIL line. No hits is still OK, with no lines after it.
        [ShellVerb.Search] = ["SEARCH OK"],

        // P2PSim's accounts (docs/sessions.md §6), worded like REGISTER; the password is asked for on its own line.
        [ShellVerb.Account] = ["ACCOUNT OK", "USERNAME IN USE", "ACCOUNT FAIL"],
        [ShellVerb.Login] = ["LOGIN OK", "LOGIN FAIL, WRONG USER OR PASSWORD", "LOGIN FAIL, TOO MANY FAILED LOGINS, TRY LATER", "LOGIN FAIL"],
    };

    /// <summary>Asked after ACCOUNT or LOGIN; what is typed next is not echoed on a terminal.</summary>
    public const string PasswordPrompt = "password: ";

    private static readonly Dictionary<ShellVerb, string> Usages = new()
    {
        [ShellVerb.Register] = "REGISTER <userName>",
        [ShellVerb.Unregister] = "UNREGISTER <userName>",
        [ShellVerb.Connect] = "CONNECT <userName>",
        [ShellVerb.Disconnect] = "DISCONNECT <userName>",
        [ShellVerb.Publish] = "PUBLISH <fileName> <description>",
        [ShellVerb.Delete] = "DELETE <fileName>",
        [ShellVerb.ListUsers] = "LIST_USERS",
        [ShellVerb.ListContent] = "LIST_CONTENT <userName>",
        [ShellVerb.GetFile] = "GET_FILE <userName> <remote_fileName> <local_fileName>",
        [ShellVerb.GetMultiFile] = "GET_MULTIFILE <remote_fileName> <local_fileName>",
        [ShellVerb.Search] = "SEARCH <text>",
        [ShellVerb.Account] = "ACCOUNT <userName>",
        [ShellVerb.Login] = "LOGIN <userName>",
        [ShellVerb.Quit] = "QUIT",
    };

    /// <summary>The line for <paramref name="code"/> of <paramref name="verb"/>; unknown codes get the FAIL line.</summary>
    internal static string For(ShellVerb verb, int code)
    {
        var row = ByCode[verb];
        return code >= 0 && code < row.Length ? row[code] : Fail(verb);
    }

    /// <summary>The "other / network error" line: <c>&lt;OP&gt; FAIL</c>.</summary>
    internal static string Fail(ShellVerb verb) => $"{ShellParser.Word(verb)} FAIL";

    internal static string Usage(ShellVerb verb) => $"Syntax error. Usage: {Usages[verb]}";

    /// <summary>The word is shown upper-cased, as classic clients print it after normalising the command.</summary>
    internal static string InvalidCommand(string word) => $"Error: command {word.ToUpperInvariant()} not valid.";

    /// <summary>After GET_MULTIFILE OK: what each source did.</summary>
    public static string SourceLine(SourceReport report) => "  " + report.Summary;

    /// <summary>A LIST_USERS line: <c>name ip port</c>.</summary>
    public static string UserLine(UserEntry user) =>
        string.Create(CultureInfo.InvariantCulture, $"{user.Name} {user.Ip} {user.Port}");

    /// <summary>A LIST_CONTENT line: <c>name "description"</c>.</summary>
    public static string ContentLine(ContentEntry file) => $"{file.FileName} \"{file.Description}\"";

    /// <summary>A SEARCH line: the publishing user, then the LIST_CONTENT layout: <c>user name "description"</c>.</summary>
    public static string HitLine(SearchHit hit) => $"{hit.User} {hit.FileName} \"{hit.Description}\"";
}

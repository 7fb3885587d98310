
namespace P2PSim.Shell.Tests;

public sealed class ShellParserTests
{
    [Theory]
    [InlineData("REGISTER alice", "REGISTER", new[] { "alice" })]
    [InlineData("register Alice", "REGISTER", new[] { "Alice" })]
    [InlineData("  Unregister   bob  ", "UNREGISTER", new[] { "bob" })]
    [InlineData("connect alice", "CONNECT", new[] { "alice" })]
    [InlineData("DISCONNECT alice", "DISCONNECT", new[] { "alice" })]
    [InlineData("DELETE a.txt", "DELETE", new[] { "a.txt" })]
    [InlineData("list_users", "LIST_USERS", new string[0])]
    [InlineData("LIST_CONTENT bob", "LIST_CONTENT", new[] { "bob" })]
    [InlineData("get_file bob remote.txt local.txt", "GET_FILE", new[] { "bob", "remote.txt", "local.txt" })]
    [InlineData("QUIT", "QUIT", new string[0])]
    [InlineData("quit", "QUIT", new string[0])]
    [InlineData("REGISTER\talice", "REGISTER", new[] { "alice" })]
    [InlineData("get_multifile movie.bin copy.bin", "GET_MULTIFILE", new[] { "movie.bin", "copy.bin" })]
    [InlineData("search song", "SEARCH", new[] { "song" })]
    public void Commands_parse_with_a_case_insensitive_word(string line, string word, string[] arguments)
    {
        var parsed = ShellParser.Parse(line);

        Assert.Null(parsed.Error);
        Assert.Equal(word, ShellParser.Word(parsed.Command!.Verb));
        Assert.Equal(arguments, parsed.Command.Arguments);
    }

    [Theory]
    [InlineData("PUBLISH a.txt hello", "hello")]
    [InlineData("PUBLISH a.txt my  holiday   photos  ", "my  holiday   photos")]
    [InlineData("publish   a.txt \"quoted\" text", "\"quoted\" text")]
    public void Publish_takes_the_rest_of_the_line_as_the_description(string line, string description)
    {
        var command = ShellParser.Parse(line).Command!;

        Assert.Equal(ShellVerb.Publish, command.Verb);
        Assert.Equal(["a.txt", description], command.Arguments);
    }

    [Theory]
    [InlineData("SEARCH holiday photos", "holiday photos")]
    [InlineData("search   my  holiday   photos  ", "my  holiday   photos")]
    [InlineData("SEARCH \"quoted\" text", "\"quoted\" text")]
    public void Search_takes_the_rest_of_the_line_as_its_text(string line, string text)
    {
        var command = ShellParser.Parse(line).Command!;

        Assert.Equal(ShellVerb.Search, command.Verb);
        Assert.Equal([text], command.Arguments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void Blank_lines_do_nothing(string line) => Assert.Same(ParsedLine.Blank, ShellParser.Parse(line));

    [Theory]
    [InlineData("REGISTER", "Syntax error. Usage: REGISTER <userName>")]
    [InlineData("register a b", "Syntax error. Usage: REGISTER <userName>")]
    [InlineData("UNREGISTER", "Syntax error. Usage: UNREGISTER <userName>")]
    [InlineData("CONNECT", "Syntax error. Usage: CONNECT <userName>")]
    [InlineData("CONNECT a 5000", "Syntax error. Usage: CONNECT <userName>")]
    [InlineData("DISCONNECT", "Syntax error. Usage: DISCONNECT <userName>")]
    [InlineData("PUBLISH a.txt", "Syntax error. Usage: PUBLISH <fileName> <description>")]
    [InlineData("PUBLISH", "Syntax error. Usage: PUBLISH <fileName> <description>")]
    [InlineData("DELETE", "Syntax error. Usage: DELETE <fileName>")]
    [InlineData("DELETE a b", "Syntax error. Usage: DELETE <fileName>")]
    [InlineData("LIST_USERS now", "Syntax error. Usage: LIST_USERS")]
    [InlineData("LIST_CONTENT", "Syntax error. Usage: LIST_CONTENT <userName>")]
    [InlineData("GET_FILE bob a.txt", "Syntax error. Usage: GET_FILE <userName> <remote_fileName> <local_fileName>")]
    [InlineData("GET_FILE bob a b c", "Syntax error. Usage: GET_FILE <userName> <remote_fileName> <local_fileName>")]
    [InlineData("QUIT now", "Syntax error. Usage: QUIT")]
    [InlineData("REGISTER al\0ice", "Syntax error. Usage: REGISTER <userName>")]
    [InlineData("SEARCH", "Syntax error. Usage: SEARCH <text>")]
    [InlineData("SEARCH   ", "Syntax error. Usage: SEARCH <text>")]
    [InlineData("SEARCH a\0b", "Syntax error. Usage: SEARCH <text>")]
    [InlineData("GET_MULTIFILE a.txt", "Syntax error. Usage: GET_MULTIFILE <remote_fileName> <local_fileName>")]
    public void Wrong_arguments_give_the_usage_line(string line, string error)
    {
        var parsed = ShellParser.Parse(line);

        Assert.Null(parsed.Command);
        Assert.Equal(error, parsed.Error);
    }

    [Theory]
    [InlineData("HELLO", "Error: command HELLO not valid.")]
    [InlineData("hello world", "Error: command HELLO not valid.")]
    [InlineData("LIST", "Error: command LIST not valid.")]
    [InlineData("GET-FILE a b c", "Error: command GET-FILE not valid.")]
    public void Unknown_commands_are_not_valid(string line, string error) => Assert.Equal(error, ShellParser.Parse(line).Error);
}

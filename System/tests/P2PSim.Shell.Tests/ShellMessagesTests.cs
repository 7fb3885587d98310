using P2PSim.Protocol.Messages;

namespace P2PSim.Shell.Tests;

/// <summary>The console's lines held against the spec's table (§4), transcribed cell by cell.</summary>
public sealed class ShellMessagesTests
{
    /// <summary>The spec's table: op, then the cells for codes 0, 1, 2, 3 (null: no such column), then "other".</summary>
    public static TheoryData<string, string?[]> SpecTable => new()
    {
        { "REGISTER", ["REGISTER OK", "USERNAME IN USE", "REGISTER FAIL", null, "REGISTER FAIL"] },
        { "UNREGISTER", ["UNREGISTER OK", "USER DOES NOT EXIST", "UNREGISTER FAIL", null, "UNREGISTER FAIL"] },
        { "CONNECT", ["CONNECT OK", "CONNECT FAIL, USER DOES NOT EXIST", "USER ALREADY CONNECTED", "CONNECT FAIL", "CONNECT FAIL"] },
        {
            "PUBLISH",
            [
                "PUBLISH OK", "PUBLISH FAIL, USER DOES NOT EXIST", "PUBLISH FAIL, USER NOT CONNECTED",
                "PUBLISH FAIL, CONTENT ALREADY PUBLISHED", "PUBLISH FAIL",
            ]
        },
        {
            "DELETE",
            [
                "DELETE OK", "DELETE FAIL, USER DOES NOT EXIST", "DELETE FAIL, USER NOT CONNECTED",
                "DELETE FAIL, CONTENT NOT PUBLISHED", "DELETE FAIL",
            ]
        },
        {
            "LIST_USERS",
            ["LIST_USERS OK", "LIST_USERS FAIL, USER DOES NOT EXIST", "LIST_USERS FAIL, USER NOT CONNECTED", "LIST_USERS FAIL", "LIST_USERS FAIL"]
        },
        {
            "LIST_CONTENT",
            [
                "LIST_CONTENT OK", "LIST_CONTENT FAIL, USER DOES NOT EXIST", "LIST_CONTENT FAIL, USER NOT CONNECTED",
                "LIST_CONTENT FAIL, REMOTE USER DOES NOT EXIST", "LIST_CONTENT FAIL",
            ]
        },
        {
            "DISCONNECT",
            ["DISCONNECT OK", "DISCONNECT FAIL / USER DOES NOT EXIST", "DISCONNECT FAIL / USER NOT CONNECTED", "DISCONNECT FAIL", "DISCONNECT FAIL"]
        },
        { "GET_FILE", ["GET_FILE OK", "GET_FILE FAIL / FILE NOT EXIST", "GET_FILE FAIL", null, "GET_FILE FAIL"] },
    };

    [Theory]
    [MemberData(nameof(SpecTable))]
    public void Each_code_prints_the_spec_cell(string op, string?[] row)
    {
        Assert.True(ShellParser.TryParseWord(op, out var verb));
        for (var code = 0; code < 4; code++)
        {
            Assert.Equal(row[code] ?? row[4], ShellMessages.For(verb, code));
        }

        Assert.Equal(row[4], ShellMessages.For(verb, 4));
        Assert.Equal(row[4], ShellMessages.For(verb, 9));
        Assert.Equal(row[4], ShellMessages.For(verb, -1));
        Assert.Equal(row[4], ShellMessages.Fail(verb));
    }

    [Fact]
    public void Fixed_lines_match_the_spec()
    {
        Assert.Equal("c> ", ShellMessages.Prompt);
        Assert.Equal("+++ FINISHED +++", ShellMessages.Finished);
        Assert.Equal("Syntax error. Usage: REGISTER <userName>", ShellMessages.Usage(ShellVerb.Register));
        Assert.Equal("Error: command FOO not valid.", ShellMessages.InvalidCommand("foo"));
        Assert.Equal("alice 10.0.0.1 5000", ShellMessages.UserLine(new UserEntry("alice", "10.0.0.1", 5000)));
        Assert.Equal("a.txt \"my file\"", ShellMessages.ContentLine(new ContentEntry("a.txt", "my file")));
    }

    [Fact]
    public void SEARCH_prints_OK_then_user_name_and_quoted_description_per_hit_and_FAIL_for_any_other_code()
    {
        Assert.Equal("SEARCH OK", ShellMessages.For(ShellVerb.Search, 0));
        foreach (var code in new[] { 1, 2, 3, 4, -1 })
        {
            Assert.Equal("SEARCH FAIL", ShellMessages.For(ShellVerb.Search, code));
        }

        Assert.Equal("Syntax error. Usage: SEARCH <text>", ShellMessages.Usage(ShellVerb.Search));
        Assert.Equal("alice a.txt \"my file\"", ShellMessages.HitLine(new SearchHit("alice", "a.txt", "my file")));
    }
}

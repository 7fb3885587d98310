using P2PSim.PropertyTests.Concurrency;
using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Model;
using P2PSim.PropertyTests.Planted;
using P2PSim.PropertyTests.Support;
using P2PSim.Protocol;
using Xunit.Abstractions;

namespace P2PSim.PropertyTests;

/// <summary>
/// Every counterexample the properties have produced, kept as a fixed case so it is checked on every run whatever
/// the seed: the shrunk scripts of the planted wrong servers (right on the real server, wrong on the planted one),
/// and fixed sessions at and around the field limits, in every result encoding, over both transports.
/// </summary>
public sealed class RegressionSeeds(ITestOutputHelper output)
{
    /// <summary>Shrunk counterexamples, exactly as the planted-server tests print them (see their output).</summary>
    public static TheoryData<string, string> PlantedCounterexamples { get; } = new()
    {
        { "publish-while-disconnected", "REGISTER a; PUBLISH a y \"\"" },
        { "list-users-shows-disconnected", "REGISTER a; REGISTER b; CONNECT b 1; LIST_USERS b" },
        { "delete-another-users-file", "REGISTER a; CONNECT a 1; PUBLISH a z \"\"; DELETE b z" },
        { "unregister-keeps-files", "REGISTER a; CONNECT a 1; PUBLISH a y \"\"; UNREGISTER a; REGISTER a" },
        { "connect-twice-accepted", "REGISTER a; CONNECT a 1; CONNECT a 1" },
        { "delete-others-file-for-a-connected-caller", "REGISTER a; REGISTER b; CONNECT b 1; CONNECT a 1; PUBLISH b x \"\"; DELETE a x" },
        { "find-sources-lists-disconnected", "REGISTER a; CONNECT a 1; PUBLISH a x \"\"; DISCONNECT a; FIND_SOURCES b x" },
    };

    // Sessions at and around the limits: names of 256 bytes in 1-, 2-, 3- and 4-byte characters and one past the
    // limit, blanks where allowed and not, empty fields, ports at the edges, with and without timestamps.
    private static readonly string[] LimitSessions =
    [
        "REGISTER a*256; CONNECT a*256 65535; PUBLISH a*256 f*256 d*256; LIST_USERS a*256; LIST_CONTENT a*256 a*256; DELETE a*256 f*256",
        "REGISTER [dt] é*128; CONNECT [dt] é*128 1; PUBLISH [dt] é*128 中*85 ß*128; LIST_CONTENT é*128 é*128; LIST_USERS [dt] é*128",
        "REGISTER 😀*64; CONNECT 😀*64 8080; PUBLISH 😀*64 𝒜*64 \"😀 😀\"; LIST_CONTENT [dt] 😀*64 😀*64; UNREGISTER 😀*64",
        "REGISTER a*257; REGISTER é*129; REGISTER 中*86; REGISTER 😀*65; LIST_USERS a*257; UNREGISTER é*129",
        "REGISTER a; CONNECT a 1; PUBLISH a f*257 d; PUBLISH a f é*129; PUBLISH a f d*256; LIST_CONTENT a a; DELETE a f*257",
        "REGISTER \"\"; REGISTER \"two words\"; REGISTER \" lead\"; REGISTER \"trail \"; REGISTER \"nbsp\u00a0x\"; REGISTER \"tab\there\"; REGISTER \"bell\u0007\"",
        "REGISTER a; CONNECT a 1; PUBLISH a \"two words\" d; PUBLISH a f \"  spaced \t out  \"; PUBLISH a g \"\"; LIST_CONTENT a a; LIST_CONTENT a \"b c\"",
        "REGISTER a; CONNECT a 0; CONNECT a 65536; CONNECT a -1; CONNECT a 65535; LIST_USERS a; DISCONNECT [dt] a; DISCONNECT a",
        "REGISTER a*256; CONNECT a*256 1; PUBLISH a*256 f*256 d*256; FIND_SOURCES b f*256; FIND_SOURCES a*256 f*256; SEARCH b d*256 1; SEARCH [dt] b F 2147483647; FIND_SOURCES b f*257; SEARCH b d*257 1; SEARCH b d 0",
        "REGISTER é*128; CONNECT é*128 1; PUBLISH é*128 中*85 \"Ñ ß text\"; SEARCH [dt] zz \"ñ ß\" 100; SEARCH zz 中 1; FIND_SOURCES [dt] 😀*64 中*85; SEARCH zz \"\" 3; FIND_SOURCES zz \"two words\"",
        "REGISTER a; REGISTER b; CONNECT a 1; CONNECT b 2; PUBLISH a x \"A file\"; PUBLISH b x \"a FILE\"; PUBLISH b y \"\"; SEARCH c \"a f\" 1; SEARCH c \"A F\" 101; FIND_SOURCES a x; DISCONNECT b; FIND_SOURCES c x; SEARCH c X 2",
    ];

    public static TheoryData<string, ResultEncoding, bool> LimitRuns { get; } = Runs();

    [Theory]
    [MemberData(nameof(PlantedCounterexamples))]
    public void A_planted_bug_counterexample_is_right_on_the_real_server_and_wrong_on_the_planted_one(string bug, string script)
    {
        var sequence = new CommandSequence(Script.Parse(script));

        var real = SequenceRunner.Run(sequence, ServerTarget.InMemory, new DirectoryModel());
        var planted = SequenceRunner.Run(sequence, ServerTarget.InMemory, new DirectoryModel(), HandlerServer.Factory(PlantedBugs.AllSequential[bug]));

        output.WriteLine(real.Transcript);
        output.WriteLine(planted.Transcript);
        Assert.True(real.Passed, real.Transcript);
        Assert.False(planted.Passed, planted.Transcript);
    }

    [Fact]
    public void The_wrong_model_counterexample_still_fails_against_the_real_server()
    {
        var sequence = new CommandSequence(Script.Parse("REGISTER a; REGISTER b; CONNECT b 1; LIST_USERS b"));

        Assert.True(SequenceRunner.Run(sequence, ServerTarget.InMemory, new DirectoryModel()).Passed);
        Assert.False(SequenceRunner.Run(sequence, ServerTarget.InMemory, new ListsDisconnectedUsersModel()).Passed);
    }

    /// <summary>Shrunk races of the planted concurrent variants: setup script, then one script per client.</summary>
    public static TheoryData<string, string, string[]> PlantedRaces { get; } = new()
    {
        { "check-then-act-connect", "", ["CONNECT a 1", "CONNECT a 1", "REGISTER a"] },
        { "check-then-act-connect", "REGISTER [dt] a", ["CONNECT a 1", "CONNECT a 2"] },
        { "lost-update-publish", "REGISTER a; CONNECT a 1", ["PUBLISH a y \"\"", "PUBLISH a x \"\""] },
    };

    [Theory]
    [MemberData(nameof(PlantedRaces))]
    public void A_planted_race_history_is_linearizable_on_the_real_server_only(string bug, string setup, string[] clients)
    {
        var race = new ConcurrentCase(Script.Parse(setup), [.. clients.Select(Script.Parse)]);

        var real = HistoryRunner.Run(race, ServerTarget.InMemory, RealServer.Factory, attempts: 3);
        var planted = HistoryRunner.Run(
            race, ServerTarget.InMemory, HandlerServer.Factory(() => PlantedBugs.Concurrent[bug](PlantedBugs.RaceWindow)), attempts: 3);

        output.WriteLine(real.Transcript);
        output.WriteLine(planted.Transcript);
        Assert.True(real.Passed, real.Transcript);
        Assert.False(planted.Passed, planted.Transcript);
    }

    [Fact]
    public void Extension_queries_with_unsendable_fields_are_refused_by_the_client()
    {
        // Found by the session property in the product (shrunk to `FIND_SOURCES a "lone\ud800"`): DirectoryClient checked
        // every classic field but not FIND_SOURCES' file name or SEARCH's text, so a lone surrogate went out as U+FFFD.
        var outcome = SequenceRunner.Run(
            new CommandSequence(Script.Parse("FIND_SOURCES a lone\ud800; SEARCH a \"x\udc00\" 5; SEARCH a nul\0x 5; FIND_SOURCES a \"f\nx\"; SEARCH a 😀 5")),
            ServerTarget.InMemory,
            new DirectoryModel());

        output.WriteLine(outcome.Transcript);
        Assert.True(outcome.Passed, outcome.Transcript);
        Assert.Equal(4, outcome.Transcript.Split("refused by the client").Length - 1);
    }

    [Fact]
    public void Names_with_lone_surrogates_are_refused_by_the_client_not_merged_by_the_server()
    {
        // Found by the session property in the product: the client encoded lone surrogates as U+FFFD, so
        // "a\ud800" and "a\udc00" reached the server as one name (the second REGISTER got "already registered").
        var outcome = SequenceRunner.Run(
            new CommandSequence(Script.Parse("REGISTER a\ud800; REGISTER a\udc00; REGISTER a\ufffd; CONNECT a\ufffd 1; PUBLISH a\ufffd f \udfff; LIST_CONTENT a\ufffd a\ufffd")),
            ServerTarget.InMemory,
            new DirectoryModel());

        output.WriteLine(outcome.Transcript);
        Assert.True(outcome.Passed, outcome.Transcript);
        Assert.Equal(3, outcome.Transcript.Split("refused by the client").Length - 1);
    }

    [Theory]
    [MemberData(nameof(LimitRuns))]
    public void A_session_at_the_limits_matches_the_model(string script, ResultEncoding encoding, bool tcp)
    {
        var outcome = SequenceRunner.Run(
            new CommandSequence(Script.Parse(script), encoding), tcp ? ServerTarget.Tcp : ServerTarget.InMemory, new DirectoryModel());

        output.WriteLine(outcome.Transcript);
        Assert.True(outcome.Passed, outcome.Transcript);
    }

    private static TheoryData<string, ResultEncoding, bool> Runs()
    {
        var runs = new TheoryData<string, ResultEncoding, bool>();
        foreach (var script in LimitSessions)
        {
            foreach (var encoding in Enum.GetValues<ResultEncoding>())
            {
                runs.Add(script, encoding, false);
            }

            runs.Add(script, ResultEncoding.Ascii, true);
        }

        return runs;
    }
}

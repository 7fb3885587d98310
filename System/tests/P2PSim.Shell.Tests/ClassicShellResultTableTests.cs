using System.Globalization;
using P2PSim.Peer.Tests.Infrastructure;
using P2PSim.Protocol;
using P2PSim.TestKit;

namespace P2PSim.Shell.Tests;

/// <summary>
/// Every cell of the spec's console table (§4): each operation, each result code, plus a reset connection and a
/// garbled reply, answered by a scripted directory (and a scripted peer for GET_FILE).
/// </summary>
public sealed class ClassicShellResultTableTests : IDisposable
{
    private const int Reset = -100;
    private const int Garbage = -200;

    private readonly TempFolder _share = new();

    public void Dispose() => _share.Dispose();

    public static TheoryData<string, int, string> Cells
    {
        get
        {
            var cells = new TheoryData<string, int, string>();
            foreach (var row in ShellMessagesTests.SpecTable)
            {
                var op = (string)row[0];
                var cellsOfRow = (string?[])row[1];
                for (var code = 0; code <= 4; code++)
                {
                    cells.Add(op, code, (code < 4 ? cellsOfRow[code] : null) ?? cellsOfRow[4]!);
                }

                cells.Add(op, Reset, cellsOfRow[4]!);
                cells.Add(op, Garbage, cellsOfRow[4]!);
            }

            return cells;
        }
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_reply_prints_its_cell(string op, int code, string expected)
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        await using var peer = await ScriptedServer.StartAsync(network.Transport, async (c, ct) =>
        {
            await ScriptedServer.ReadFieldsAsync(c.Stream, 2, ct);
            if (Reply(code, "content") is { } reply)
            {
                await c.Stream.WriteAsync(reply, ct);
            }
            else
            {
                c.Abort();
            }
        });
        Assert.True(ShellParser.TryParseWord(op, out var verb));
        var tested = OperationOf(verb);
        await using var directory = await FakeDirectory.StartAsync(network.Transport, request => request.Operation switch
        {
            _ when request.Operation == tested => Reply(code, request.Operation),
            Operation.ListUsers => [.. "0\0"u8, .. Wire.Fields("1", "bob", peer.EndPoint.Host, Port(peer.EndPoint.Port))],
            _ => "0\0"u8.ToArray(),
        });
        var needsMe = verb is ShellVerb.Publish or ShellVerb.Delete or ShellVerb.ListUsers or ShellVerb.ListContent or ShellVerb.GetFile;
        var command = verb switch
        {
            ShellVerb.Publish => "PUBLISH f.txt a description",
            ShellVerb.Delete => "DELETE f.txt",
            ShellVerb.ListUsers => "LIST_USERS",
            ShellVerb.ListContent => "LIST_CONTENT bob",
            ShellVerb.GetFile => "GET_FILE bob f.txt local.txt",
            _ => $"{op} alice",
        };
        var input = new StringReader(needsMe ? $"CONNECT me\n{command}\n" : $"{command}\n");
        var output = new StringWriter { NewLine = "\n" };

        await new ClassicShell(new ClassicShellOptions(directory.EndPoint, _share.Path), network.Transport, input, output)
            .RunAsync(TestData.Timeout());

        var segments = output.ToString().Split(ShellMessages.Prompt);
        var commandOutput = segments[needsMe ? 2 : 1].Split('\n');
        Assert.Equal(expected, commandOutput[0]);
        if (needsMe)
        {
            Assert.Equal("CONNECT OK\n", segments[1]);
        }

        if (code == 0 && verb == ShellVerb.ListUsers)
        {
            Assert.Equal("bob 10.0.0.9 7000", commandOutput[1]);
        }

        if (code == 0 && verb == ShellVerb.ListContent)
        {
            Assert.Equal("f.txt \"a description\"", commandOutput[1]);
        }

        Assert.Equal(code == 0 && verb == ShellVerb.GetFile ? ["local.txt"] : [], _share.FileNames);
    }

    /// <summary>The reply for <paramref name="code"/>: ASCII code, plus a one-entry list or the content after 0.</summary>
    private static byte[]? Reply(int code, object what) => code switch
    {
        Reset => null,
        Garbage => "??"u8.ToArray(),
        0 when what is Operation.ListUsers => [.. "0\0"u8, .. Wire.Fields("1", "bob", "10.0.0.9", "7000")],
        0 when what is Operation.ListContent => [.. "0\0"u8, .. Wire.Fields("1", "f.txt", "a description")],
        0 when what is string content => [.. "0\0"u8, .. System.Text.Encoding.UTF8.GetBytes(content)],
        _ => Wire.Fields(Port(code)),
    };

    /// <summary>The directory operation a console command sends; GET_FILE's own exchange is with the peer.</summary>
    private static Operation? OperationOf(ShellVerb verb) => verb switch
    {
        ShellVerb.Register => Operation.Register,
        ShellVerb.Unregister => Operation.Unregister,
        ShellVerb.Connect => Operation.Connect,
        ShellVerb.Disconnect => Operation.Disconnect,
        ShellVerb.Publish => Operation.Publish,
        ShellVerb.Delete => Operation.Delete,
        ShellVerb.ListUsers => Operation.ListUsers,
        ShellVerb.ListContent => Operation.ListContent,
        _ => null,
    };

    private static string Port(int value) => value.ToString(CultureInfo.InvariantCulture);
}

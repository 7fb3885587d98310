using P2PSim.Protocol;

namespace P2PSim.PropertyTests.Generators;

/// <summary>
/// A generated multi-user session and the result encoding the server under test writes; prints one command per
/// line so a shrunk counterexample reads as a script.
/// </summary>
internal sealed record CommandSequence(IReadOnlyList<DirectoryCommand> Commands, ResultEncoding Encoding = ResultEncoding.Ascii)
{
    public override string ToString() =>
        $"{Commands.Count} operations, {Encoding} result codes:{Environment.NewLine}" +
        string.Join(Environment.NewLine, Commands.Select((c, i) => $"  {i + 1,3}. {c}"));
}

namespace P2PSim.PropertyTests.Generators;

/// <summary>A generated multi-user session; prints one command per line so a shrunk counterexample reads as a script.</summary>
internal sealed record CommandSequence(IReadOnlyList<DirectoryCommand> Commands)
{
    public override string ToString() =>
        $"{Commands.Count} operations:{Environment.NewLine}" +
        string.Join(Environment.NewLine, Commands.Select((c, i) => $"  {i + 1,3}. {c}"));
}

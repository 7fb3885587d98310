namespace P2PSim.PropertyTests.PeerServing;

/// <summary>A share folder's files (name → size and content seed) and the requests pipelined on one connection.</summary>
internal sealed record PeerCase(IReadOnlyList<SharedFile> Files, IReadOnlyList<PeerCommand> Commands)
{
    public override string ToString() =>
        $"share: {string.Join(", ", Files.Select(f => $"{f.Name} ({f.Size} bytes)"))}{Environment.NewLine}" +
        string.Join(Environment.NewLine, Commands.Select((c, i) => $"  {i + 1,3}. {c}"));
}

/// <summary>One file of the share: its content is <see cref="Size"/> bytes drawn from <see cref="Seed"/>.</summary>
internal sealed record SharedFile(string Name, int Size, int Seed)
{
    public byte[] Content()
    {
        var bytes = new byte[Size];
        new Random(Seed).NextBytes(bytes);
        return bytes;
    }
}

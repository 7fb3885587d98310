using FsCheck;
using FsCheck.Fluent;
using P2PSim.PropertyTests.Generators;
using P2PSim.Protocol.Peer;

namespace P2PSim.PropertyTests.PeerServing;

/// <summary>
/// Share folders of two to four files (sizes 0, 1, exactly one block, one block and a byte, a few KiB, two blocks less
/// a byte) and 1–8 pipelined requests: mostly for those files, with current, stale, upper-case or garbage versions and
/// ranges at and around the file's end, 0, <see cref="FileManifest.MaxRangeLength"/> and <see cref="long.MaxValue"/>;
/// sometimes for a missing file, a folder, a link out of the share, or an unsafe name (<c>../x</c>, <c>/etc/passwd</c>…).
/// Each pipeline is mostly requests answered with 0, then one drawn from everything. Shrinking drops requests.
/// </summary>
internal static class PeerCaseGenerators
{
    public static readonly string[] Names = ["a.bin", "é.dat", "two words.txt", "中文.bin"];

    /// <summary>Names no file of the share has: missing, a folder, a link leading out, unsafe ones.</summary>
    public static readonly string[] Others =
        ["nope.bin", ShareFixture.Folder, ShareFixture.LinkOut, "../" + ShareFixture.Secret, "..", ".", "", ShareFixture.Folder + "/inner.bin",
            "/etc/passwd", "a.bin/..", "..\\" + ShareFixture.Secret, "tab\tname"];

    private static readonly Gen<int> Size = Gen.Elements(
        0, 1, FileManifest.MinBlockSize, FileManifest.MinBlockSize + 1, 2 * FileManifest.MinBlockSize - 1, 100, 4096)
        .SelectMany(s => s == 100 ? Gen.Choose(2, 5000) : Gen.Constant(s));

    private static readonly Gen<SharedFile[]> Files =
        from count in Gen.Choose(2, 4)
        from sizes in Gen.ArrayOf(Size, count)
        from seeds in Gen.ArrayOf(Gen.Choose(0, int.MaxValue), count)
        select sizes.Select((size, i) => new SharedFile(Names[i], size, seeds[i])).ToArray();

    public static Arbitrary<PeerCase> Arbitrary { get; } = Arb.From(
        from files in Files
        from n in Gen.Choose(0, 7)
        from prefix in Gen.ArrayOf(Gen.Frequency((4, Valid(files)), (1, Command(files))), n)
        from last in Command(files)
        select new PeerCase(files, [.. prefix, last]),
        c => CommandShrinker.Drops(c.Commands).Where(d => d.Count > 0).Select(d => c with { Commands = d }));

    /// <summary>A request the server answers with 0, so the pipeline goes on: most of a pipeline is made of these.</summary>
    private static Gen<PeerCommand> Valid(SharedFile[] files) =>
        from file in Gen.Elements(files)
        from manifest in Gen.Frequency((1, Gen.Constant(true)), (file.Size == 0 ? 0 : 4, Gen.Constant(false)))
        from offset in Gen.Choose(0, Math.Max(0, file.Size - 1))
        from length in Gen.Frequency((1, Gen.Constant(file.Size - offset)), (3, Gen.Choose(1, Math.Max(1, file.Size - offset))))
        from upper in Gen.Frequency((6, Gen.Constant(VersionKind.Current)), (1, Gen.Constant(VersionKind.UpperCase)))
        select manifest
            ? new PeerCommand(PeerRequestCodec.ManifestOperation, file.Name)
            : new PeerCommand(PeerRequestCodec.RangeOperation, file.Name, upper, offset, length);

    private static Gen<PeerCommand> Command(SharedFile[] files) =>
        from target in Gen.Frequency((6, Gen.Elements(files).Select(f => (f.Name, f.Size))), (1, Gen.Elements(Others).Select(n => (n, 1000))))
        from command in Gen.Frequency(
            (2, Gen.Constant(new PeerCommand(PeerRequestCodec.ManifestOperation, target.Item1))),
            (5, Range(target.Item1, target.Item2)),
            (1, Gen.Constant(new PeerCommand(GetFileCodec.OperationName, target.Item1))))
        select command;

    private static Gen<PeerCommand> Range(string name, int size) =>
        from version in Gen.Frequency(
            (8, Gen.Constant(VersionKind.Current)), (1, Gen.Constant(VersionKind.Stale)),
            (1, Gen.Constant(VersionKind.UpperCase)), (1, Gen.Constant(VersionKind.Garbage)))
        from offset in Gen.Frequency(
            (3, Gen.Choose(0, Math.Max(0, size - 1)).Select(o => (long)o)),
            (2, Gen.Elements(0L, size, size + 1L, Math.Max(0, size - 1L))),
            (1, Gen.Elements(long.MaxValue, long.MaxValue - FileManifest.MaxRangeLength + 1, int.MaxValue + 1L, FileManifest.MaxRangeLength)))
        from length in Gen.Frequency(
            (4, Gen.Choose(1, Math.Max(1, size - (int)Math.Min(offset, size)))),
            (2, Gen.Elements(1, size - (int)Math.Min(offset, size), size - (int)Math.Min(offset, size) + 1)),
            (1, Gen.Elements(0, FileManifest.MaxRangeLength, FileManifest.MaxRangeLength + 1, int.MaxValue)))
        select new PeerCommand(PeerRequestCodec.RangeOperation, name, version, offset, length);
}

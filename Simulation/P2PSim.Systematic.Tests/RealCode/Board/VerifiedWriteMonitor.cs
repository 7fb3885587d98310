using Microsoft.Coyote.Rewriting;
using Microsoft.Coyote.Specifications;
using P2PSim.Protocol.Peer;

namespace P2PSim.Systematic.Tests.RealCode.Board;

/// <summary>
/// No block is written to the part file unverified: every write the downloader makes into it (seen by
/// <see cref="PartFileWatch"/> just before the bytes reach the file) must be one whole block, at its offset, whose
/// SHA-256 matches the manifest. It fails at the write itself, before a later good copy could overwrite the bytes
/// and hide them. Hot until every block has been written verified once: a download that completes without the
/// watch seeing its writes would make the safety check vacuous.
/// </summary>
[SkipRewriting("a monitor runs atomically: no scheduling points inside it")]
internal sealed class VerifiedWriteMonitor : Microsoft.Coyote.Specifications.Monitor
{
    private readonly HashSet<int> _written = [];
    private FileManifest? _manifest;

    private void OnSetup(Event e) => _manifest = ((Setup)e).Manifest;

    private void OnWritten(Event e)
    {
        var (offset, length, hash) = (((Written)e).Offset, ((Written)e).Length, ((Written)e).Sha256);
        var manifest = _manifest!;
        var block = (int)(offset / manifest.BlockSize);
        Specification.Assert(offset % manifest.BlockSize == 0 && block < manifest.BlockCount,
            $"{length} bytes written at offset {offset} of the part file, which is no block's start");
        Specification.Assert(length == manifest.LengthOf(block),
            $"{length} bytes written as block {block}, which is {manifest.LengthOf(block)} bytes long");
        Specification.Assert(hash.AsSpan().SequenceEqual(manifest.BlockHashes[block]),
            $"block {block} was written to the part file unverified: the SHA-256 of the bytes written at offset {offset} " +
            $"is {Convert.ToHexStringLower(hash)[..16]}…, the manifest's {Convert.ToHexStringLower(manifest.BlockHashes[block])[..16]}…");
        _written.Add(block);
        if (_written.Count == manifest.BlockCount)
        {
            RaiseGotoStateEvent<AllWritten>();
        }
    }

    internal sealed class Setup(FileManifest manifest) : Event
    {
        public FileManifest Manifest { get; } = manifest;
    }

    internal sealed class Written(long offset, int length, byte[] sha256) : Event
    {
        public long Offset { get; } = offset;

        public int Length { get; } = length;

        public byte[] Sha256 { get; } = sha256;
    }

    [Start]
    [Hot]
    [OnEventDoAction(typeof(Setup), nameof(OnSetup))]
    [OnEventDoAction(typeof(Written), nameof(OnWritten))]
    private sealed class Incomplete : State
    {
    }

    [Cold]
    [OnEventDoAction(typeof(Written), nameof(OnWritten))]
    private sealed class AllWritten : State
    {
    }
}

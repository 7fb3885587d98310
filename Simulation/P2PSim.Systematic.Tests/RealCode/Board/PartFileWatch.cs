using System.Security.Cryptography;
using Microsoft.Coyote.Specifications;
using P2PSim.Peer.Downloads.MultiSource;

namespace P2PSim.Systematic.Tests.RealCode.Board;

/// <summary>
/// The downloader's <see cref="IPartFileObserver"/>: hashes the bytes of each write into the part file itself (it
/// takes nobody's word that they were verified) and hands offset, length and SHA-256 to
/// <see cref="VerifiedWriteMonitor"/>. It runs on the writing worker, before the bytes reach the file.
/// </summary>
internal sealed class PartFileWatch(string expectedPartPath) : IPartFileObserver
{
    private int _writes;

    public int Writes => Volatile.Read(ref _writes);

    public void Writing(string partPath, long offset, ReadOnlySpan<byte> bytes)
    {
        Specification.Assert(partPath == expectedPartPath, $"a write into {partPath}, not the download's part file {expectedPartPath}");
        Interlocked.Increment(ref _writes);
        Specification.Monitor<VerifiedWriteMonitor>(new VerifiedWriteMonitor.Written(offset, bytes.Length, SHA256.HashData(bytes)));
    }
}

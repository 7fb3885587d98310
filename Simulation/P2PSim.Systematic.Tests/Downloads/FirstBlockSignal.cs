using P2PSim.Peer.Downloads.MultiSource;

namespace P2PSim.Systematic.Tests.Downloads;

/// <summary>
/// A synchronous <see cref="IProgress{T}"/> (the BCL's <c>Progress&lt;T&gt;</c> posts to the thread pool, outside
/// Coyote's control) that completes <see cref="FirstBlock"/> when the first verified block is reported, or when
/// <see cref="Release"/> says the download is over.
/// </summary>
internal sealed class FirstBlockSignal : IProgress<DownloadProgress>
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstBlock => _first.Task;

    /// <summary>Completes <see cref="FirstBlock"/> whatever happened, so nothing waiting on it waits past the download.</summary>
    public void Release() => _first.TrySetResult();

    public void Report(DownloadProgress value) => _first.TrySetResult();
}

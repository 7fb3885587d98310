using Microsoft.Coyote;
using Microsoft.Coyote.Specifications;
using P2PSim.DirectoryServer.Registry;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// Two readers take the real <see cref="MonitorReaderWriterLock"/> in turn so that, while either may enter, one is
/// always inside: a reader leaves only once the other has come in (or after <see cref="Patience"/> yields without
/// it). A lock that lets new readers in while a writer waits therefore never empties and the writer starves; the
/// writer-preferring lock stops the second reader at the door, the first gives up waiting for it and leaves, and
/// the writer gets in. <see cref="WriterProgress"/> reports the starvation. Readers stop once the writer is done;
/// every loop is bounded.
/// </summary>
internal static class WriterStarvationScenario
{
    /// <summary>Yields a reader waits inside for the other one; the correct lock makes the writer wait about this long.</summary>
    public const int Patience = 12;

    /// <summary>Rounds a reader may make; far more than the liveness threshold lets a starved writer wait.</summary>
    private const int MaxRounds = 100_000;

    /// <summary>Steps a starved writer may wait before Coyote calls it a liveness bug; the correct lock needs far fewer.</summary>
    public const uint LivenessThreshold = 400;

    /// <summary>
    /// Random (fair) scheduling, which liveness checking needs (the default portfolio's unfair strategies stop at
    /// their step bound without judging liveness), and a step bound a few times the threshold.
    /// </summary>
    public static Configuration Settings(Configuration configuration) =>
        configuration.WithRandomStrategy().WithMaxSchedulingSteps(LivenessThreshold, 4 * LivenessThreshold)
            .WithLivenessTemperatureThreshold(LivenessThreshold);

    public static async Task RunAsync()
    {
        Specification.RegisterMonitor<WriterProgress>();
        var rwLock = new MonitorReaderWriterLock();
        var state = new SharedState();
        var first = Task.Run(() => ReadAsync(rwLock, state));
        var second = Task.Run(() => ReadAsync(rwLock, state));
        var writer = Task.Run(async () =>
        {
            // Let the readers get going first, so the writer arrives into a stream of them.
            while (Volatile.Read(ref state.Inside) == 0)
            {
                await Task.Yield();
            }

            Specification.Monitor<WriterProgress>(new WriterProgress.WriterWaits());
            rwLock.EnterWrite();
            Specification.Monitor<WriterProgress>(new WriterProgress.WriterEntered());
            rwLock.ExitWrite();
            Volatile.Write(ref state.WriterDone, true);
        });
        await Task.WhenAll(new[] { first, second, writer });
    }

    private static async Task ReadAsync(MonitorReaderWriterLock rwLock, SharedState state)
    {
        for (var round = 0; round < MaxRounds && !Volatile.Read(ref state.WriterDone); round++)
        {
            rwLock.EnterRead();
            var inside = Interlocked.Increment(ref state.Inside);
            for (var i = 0; i < Patience && inside < 2 && !Volatile.Read(ref state.WriterDone); i++)
            {
                await Task.Yield();
                inside = Volatile.Read(ref state.Inside);
            }

            Interlocked.Decrement(ref state.Inside);
            rwLock.ExitRead();
        }
    }

    /// <summary>Fields rather than locals so the tasks share them.</summary>
    private sealed class SharedState
    {
        public int Inside;
        public bool WriterDone;
    }
}

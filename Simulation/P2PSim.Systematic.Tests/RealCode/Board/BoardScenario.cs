using Microsoft.Coyote.Specifications;
using P2PSim.Peer.Downloads.MultiSource;

namespace P2PSim.Systematic.Tests.RealCode.Board;

/// <summary>
/// The real <see cref="BlockBoard"/> shared by three source workers that use it as <c>SourceWorker</c> does (take a
/// block, its request in flight, then give it back or store it: not done yet? complete it, credit it if that was the
/// first copy), watched by <see cref="BoardMonitor"/>. Source 0 loses its connection on its first block (the block
/// goes back), source 2 serves rotten copies (each fails verification and is refused), source 1 serves good ones.
/// Without the endgame a block has one holder at a time; with it, idle sources take copies of blocks in flight, and
/// still only the first verified copy of each is credited. Every block ends credited (liveness: the monitor stays
/// hot and the workers wait forever otherwise).
/// </summary>
internal static class BoardScenario
{
    private const int Blocks = 3;
    private const int Sources = 3;
    private const int Rotten = 2;

    public static async Task RunAsync(bool endgame)
    {
        var copies = endgame ? 2 : 1;
        Specification.RegisterMonitor<BoardMonitor>();
        Specification.Monitor<BoardMonitor>(new BoardMonitor.Setup(Blocks, copies));
        var board = new BlockBoard([100, 100, 60], Enumerable.Range(0, Sources), endgame, endgameCopies: copies);

        var workers = new Task[Sources];
        for (var source = 0; source < Sources; source++)
        {
            var id = source;
            workers[id] = Task.Run(() => WorkerAsync(board, id));
        }

        await Task.WhenAll(workers);
        Specification.Assert(board.IsComplete && board.DoneBytes == 260, $"board done {board.DoneBytes} of 260 bytes, complete {board.IsComplete}");
    }

    private static async Task WorkerAsync(BlockBoard board, int source)
    {
        var connectionLost = source == 0;

        // Bounded: each pass takes a block or waits for a change; far more passes than three blocks need.
        for (var pass = 0; pass < 40 && !board.IsComplete; pass++)
        {
            var change = board.WaitForChangeAsync();
            if (!board.TryTake(source, out var block))
            {
                if (source == Rotten || board.IsComplete)
                {
                    return; // nothing left it could serve: the rotten source has failed on everything it was given
                }

                await change;
                continue;
            }

            Specification.Monitor<BoardMonitor>(new BoardMonitor.Taken(block, source));
            await Task.Yield(); // the range request is in flight

            if (connectionLost || source == Rotten)
            {
                Specification.Monitor<BoardMonitor>(new BoardMonitor.Released(block, source));
                board.Release(block, source, refused: !connectionLost);
                connectionLost = false;
                continue;
            }

            Specification.Monitor<BoardMonitor>(new BoardMonitor.Released(block, source));
            if (board.IsDone(block))
            {
                board.TryComplete(block, source); // an endgame duplicate: drops this source as a holder
                continue;
            }

            await Task.Yield(); // the verified block is written at its offset
            if (board.TryComplete(block, source))
            {
                Specification.Monitor<BoardMonitor>(new BoardMonitor.Credited(block, source));
            }
        }
    }
}

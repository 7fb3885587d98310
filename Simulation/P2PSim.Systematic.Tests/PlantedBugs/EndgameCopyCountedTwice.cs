using Microsoft.Coyote.Specifications;
using P2PSim.Peer.Downloads.MultiSource;

namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// (i) An endgame copy counted twice, against the contract of the real multi-source <see cref="BlockBoard"/>: in the
/// endgame two sources fetch the same block, and each stores its verified copy as <c>SourceWorker</c> does (not done
/// yet? write it, then complete it; credit the bytes only when the completion was the first). The real board's
/// <c>TryComplete</c> answers true to the first copy only; <see cref="FirstCopyNotEnforcedBoard"/> answers true to
/// every holder, so two sources that both saw the block not yet done are both credited. The sources' credited bytes
/// then add up to more than the file. The same scenario over the real board explores clean
/// (<c>block-board-endgame-correct</c>).
/// </summary>
internal static class EndgameCopyCountedTwice
{
    private const int BlockBytes = 100;
    private static readonly int[] Lengths = [BlockBytes, BlockBytes];

    public static PlantedBug Bug { get; } = new(
        "endgame-copy-counted-twice",
        "a board that lets every endgame copy of a block complete it credits two sources with the same block",
        RaceChecking.Synchronization, Bound: 300, () => ScenarioAsync(new FirstCopyNotEnforcedBoard(Lengths, 2)), "counted twice");

    /// <summary>The scenario against the product's board: the same races, no bug.</summary>
    public static Task CorrectScenarioAsync()
    {
        var board = new BlockBoard(Lengths, [0, 1], endgame: true, endgameCopies: 2);
        return ScenarioAsync(new Board(board.TryTake, board.TryComplete, board.IsDone, () => board.IsComplete));
    }

    private static Task ScenarioAsync(FirstCopyNotEnforcedBoard board) =>
        ScenarioAsync(new Board(board.TryTake, board.TryComplete, board.IsDone, board.IsComplete));

    private static async Task ScenarioAsync(Board board)
    {
        var credited = new long[2];
        var a = Task.Run(() => SourceAsync(board, 0, credited));
        var b = Task.Run(() => SourceAsync(board, 1, credited));
        await Task.WhenAll(new[] { a, b });

        var total = credited.Sum();
        var size = Lengths.Sum();
        Specification.Assert(total <= size, $"block counted twice: sources credited {total} bytes for a {size}-byte file");
        Specification.Assert(board.IsComplete() && total == size, $"download incomplete: {total} of {size} bytes credited");
    }

    /// <summary>One source's worker, storing each copy as <c>SourceWorker.StoreAsync</c> does.</summary>
    private static async Task SourceAsync(Board board, int source, long[] credited)
    {
        // Bounded: each pass takes a block or waits a turn; 20 passes are far more than two blocks need.
        for (var pass = 0; pass < 20 && !board.IsComplete(); pass++)
        {
            if (!board.TryTake(source, out var block))
            {
                await Task.Yield();
                continue;
            }

            await Task.Yield(); // the GET_RANGE reply is on its way
            if (board.IsDone(block))
            {
                board.TryComplete(block, source); // an endgame duplicate: only drops this source as a holder
                continue;
            }

            await Task.Yield(); // the verified block is written at its offset
            if (board.TryComplete(block, source))
            {
                credited[source] += BlockBytes;
            }
        }
    }

    private delegate bool TakeBlock(int source, out int block);

    /// <summary>The slice of the board's contract the workers use.</summary>
    private sealed record Board(TakeBlock TryTake, Func<int, int, bool> TryComplete, Func<int, bool> IsDone, Func<bool> IsComplete);
}

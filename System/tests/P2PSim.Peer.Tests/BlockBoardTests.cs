using P2PSim.Peer.Downloads.MultiSource;

namespace P2PSim.Peer.Tests;

/// <summary>
/// The multi-source download's shared block state on its own, one call at a time: which source gets which block,
/// in the endgame and out of it, what a failed or refused block does, when the download is complete or hopeless,
/// and who is woken. The downloads over the network see only the sum of these rules; here each is pinned down.
/// </summary>
public sealed class BlockBoardTests
{
    [Fact]
    public void Outside_the_endgame_each_block_goes_to_one_source_lowest_index_first()
    {
        var board = Board([10, 20, 30], sources: 2, endgame: false);

        Assert.Equal(0, Take(board, 0));
        Assert.Equal(1, Take(board, 1));
        Assert.Equal(2, Take(board, 0));
        Assert.False(board.TryTake(1, out var none));
        Assert.Equal(-1, none);
        Assert.Equal(3, board.BlockCount);
    }

    [Fact]
    public void Completed_blocks_count_once_and_the_last_one_completes_the_board()
    {
        var board = Board([10, 20, 30], sources: 1, endgame: false);
        Take(board, 0);
        Take(board, 0);
        Take(board, 0);

        Assert.True(board.TryComplete(1, 0));
        Assert.False(board.TryComplete(1, 0)); // a second copy of a done block is a duplicate
        Assert.True(board.IsDone(1));
        Assert.False(board.IsDone(0));
        Assert.Equal(20, board.DoneBytes);
        Assert.True(board.TryComplete(0, 0));
        Assert.False(board.IsComplete);
        Assert.True(board.TryComplete(2, 0));

        Assert.True(board.IsComplete);
        Assert.Equal(60, board.DoneBytes);
        Assert.Null(board.Failure);
    }

    [Fact]
    public void A_block_may_complete_without_being_taken_and_is_then_never_handed_out()
    {
        var board = Board([10, 20], sources: 2, endgame: false);

        Assert.True(board.TryComplete(0, 1)); // a whole-file source streams blocks nobody asked it for

        Assert.Equal(10, board.DoneBytes);
        Assert.Equal(1, Take(board, 0));
        Assert.False(board.TryTake(1, out _));
    }

    [Fact]
    public void A_resumed_block_counts_once_and_is_never_handed_out()
    {
        var board = Board([10, 20, 30], sources: 1, endgame: true);

        board.MarkResumed(1);
        board.MarkResumed(1);

        Assert.True(board.IsDone(1));
        Assert.Equal(20, board.DoneBytes);
        Assert.Equal(0, Take(board, 0));
        Assert.Equal(2, Take(board, 0));
        Assert.False(board.TryTake(0, out _));
        board.MarkResumed(0);
        board.MarkResumed(2);
        Assert.True(board.IsComplete);
    }

    [Fact]
    public void In_the_endgame_a_block_in_flight_goes_to_at_most_the_allowed_copies_of_other_sources()
    {
        var board = Board([10, 20], sources: 4, endgame: true, copies: 3);
        Assert.Equal(0, Take(board, 0));
        Assert.Equal(1, Take(board, 0));

        Assert.Equal(0, Take(board, 1)); // nothing missing: a copy of the lowest block in flight
        Assert.Equal(0, Take(board, 2)); // the third copy of block 0
        Assert.Equal(1, Take(board, 3)); // block 0 has its three; block 1 has one
        Assert.False(board.TryTake(0, out _)); // it holds both already
        Assert.Equal(1, Take(board, 1));
        Assert.False(board.TryTake(2, out _)); // both blocks have their three copies
    }

    [Fact]
    public void The_endgame_allows_a_second_copy_even_when_fewer_are_configured_and_none_without_it()
    {
        var endgame = Board([10], sources: 3, endgame: true, copies: 1);
        var noEndgame = Board([10], sources: 2, endgame: false, copies: 3);
        Take(endgame, 0);
        Take(noEndgame, 0);

        Assert.Equal(0, Take(endgame, 1));
        Assert.False(endgame.TryTake(2, out _));
        Assert.False(noEndgame.TryTake(1, out _));
    }

    [Fact]
    public void The_endgame_skips_done_blocks_and_blocks_the_source_refused()
    {
        var board = Board([10, 20, 30], sources: 3, endgame: true);
        Take(board, 0);
        Take(board, 0);
        Take(board, 0);
        board.TryComplete(0, 0);
        Assert.Equal(1, Take(board, 1));
        board.Release(1, 1, refused: true);

        Assert.Equal(2, Take(board, 1)); // block 0 is done and block 1 it refused
        Assert.Equal(1, Take(board, 2));
    }

    [Fact]
    public void No_endgame_copy_while_a_block_is_still_missing_for_someone_else()
    {
        var board = Board([10, 20], sources: 2, endgame: true);
        Assert.Equal(0, Take(board, 0));
        board.Release(1, 1, refused: true); // source 1 failed block 1, which source 0 has not taken yet

        Assert.False(board.TryTake(1, out _));
        Assert.Equal(1, Take(board, 0));
    }

    [Fact]
    public void A_block_given_back_goes_to_the_next_source_that_asks_unless_its_source_refused_it()
    {
        var board = Board([10, 20], sources: 2, endgame: false);
        Assert.Equal(0, Take(board, 0));
        Assert.Equal(1, Take(board, 1));

        board.Release(0, 0, refused: false); // the connection broke: anyone may fetch it, the same source too
        board.Release(1, 1, refused: true); // a corrupt copy: never from that source again

        Assert.Equal(0, Take(board, 0));
        Assert.False(board.TryTake(1, out _));
        Assert.Equal(1, Take(board, 0));
        Assert.Null(board.Failure);
    }

    [Fact]
    public void A_block_given_back_by_one_endgame_holder_stays_with_the_others()
    {
        var board = Board([10], sources: 3, endgame: true, copies: 2);
        Take(board, 0);
        Assert.Equal(0, Take(board, 1));

        board.Release(0, 1, refused: false);

        Assert.False(board.TryTake(0, out _)); // source 0 still fetches it: it is not missing again
        Assert.Equal(0, Take(board, 2));
    }

    [Fact]
    public void A_done_block_given_back_is_not_missing_again()
    {
        var board = Board([10, 20], sources: 2, endgame: true);
        Take(board, 0);
        Take(board, 0);
        Assert.Equal(0, Take(board, 1));
        board.TryComplete(0, 1);

        board.Release(0, 0, refused: false); // the slower holder's request broke after the other copy won

        Assert.Equal(1, Take(board, 1));
        board.TryComplete(1, 1);
        Assert.False(board.TryTake(0, out _));
        Assert.True(board.IsComplete);
    }

    [Fact]
    public void A_block_every_remaining_source_refused_makes_the_download_hopeless()
    {
        var board = Board([10, 20], sources: 3, endgame: false);
        Take(board, 0);
        board.Release(0, 0, refused: true);
        board.Release(0, 1, refused: true);
        Assert.Null(board.Failure); // source 2 may still have a good copy

        board.SourceGone(2);

        Assert.Contains("block 0", board.Failure, StringComparison.Ordinal);
        Assert.Equal(2, board.LiveSources);
    }

    [Fact]
    public void A_block_refused_by_every_source_is_no_failure_once_it_is_done()
    {
        var board = Board([10, 20], sources: 2, endgame: false);
        board.TryComplete(0, 0);

        board.Release(0, 0, refused: true);
        board.Release(0, 1, refused: true);

        Assert.Null(board.Failure);
    }

    [Fact]
    public void The_first_reason_a_download_cannot_complete_is_the_one_kept()
    {
        var board = Board([10], sources: 2, endgame: false);
        board.Release(0, 0, refused: true);
        board.Release(0, 1, refused: true);
        var hopeless = board.Failure;

        board.SourceGone(0);
        board.SourceGone(1);

        Assert.Contains("block 0", hopeless, StringComparison.Ordinal);
        Assert.Equal(hopeless, board.Failure);
    }

    [Fact]
    public void Only_the_last_source_leaving_an_incomplete_download_fails_it()
    {
        var incomplete = Board([10], sources: 2, endgame: false);
        var complete = Board([10], sources: 1, endgame: false);
        incomplete.Release(0, 0, refused: true); // hopeless only once no source is left, and then the drop is the reason
        complete.TryComplete(0, 0);

        incomplete.SourceGone(0);
        Assert.Null(incomplete.Failure);
        Assert.Equal(1, incomplete.LiveSources);
        incomplete.SourceGone(1);
        complete.SourceGone(0);

        Assert.Equal("every source was dropped", incomplete.Failure);
        Assert.Equal(0, incomplete.LiveSources);
        Assert.Null(complete.Failure);
    }

    [Fact]
    public void Every_change_completes_the_current_wait_and_starts_a_new_one()
    {
        var board = Board([10, 20], sources: 2, endgame: false);
        Take(board, 0);
        Take(board, 0);
        var changes = new List<Action>
        {
            () => board.TryComplete(0, 0),
            () => board.Release(1, 0, refused: false),
            () => board.SourceGone(1),
            board.WorkerEnded,
            board.Wake,
        };

        foreach (var change in changes)
        {
            var wait = board.WaitForChangeAsync();
            Assert.False(wait.IsCompleted);
            change();
            Assert.True(wait.IsCompleted);
        }

        Assert.Equal(1, board.EndedWorkers);
        Assert.False(board.WaitForChangeAsync().IsCompleted);
    }

    [Fact]
    public void Taking_a_block_or_a_duplicate_copy_wakes_nobody()
    {
        var board = Board([10, 20], sources: 1, endgame: false);
        board.TryComplete(0, 0);
        var wait = board.WaitForChangeAsync();

        Take(board, 0);
        board.TryComplete(0, 0);

        Assert.False(wait.IsCompleted);
    }

    [Fact]
    public async Task A_wait_ends_with_the_change_it_waits_for()
    {
        var board = Board([10], sources: 1, endgame: false);
        using var stop = new CancellationTokenSource();
        var uncancellable = board.WaitAsync(board.WaitForChangeAsync(), CancellationToken.None);
        var cancellable = board.WaitAsync(board.WaitForChangeAsync(), stop.Token);
        Assert.False(uncancellable.IsCompleted);
        Assert.False(cancellable.IsCompleted);

        board.WorkerEnded();

        await uncancellable.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellable.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancelling_a_wait_wakes_it_with_the_cancellation_and_a_finished_wait_no_longer_listens()
    {
        var board = Board([10], sources: 1, endgame: false);
        using var stop = new CancellationTokenSource();
        using var later = new CancellationTokenSource();
        var finished = board.WaitAsync(board.WaitForChangeAsync(), later.Token);
        board.Wake();
        await finished.WaitAsync(TimeSpan.FromSeconds(10));
        var waiting = board.WaitAsync(board.WaitForChangeAsync(), stop.Token);
        Assert.False(waiting.IsCompleted);

        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        var next = board.WaitForChangeAsync();
        later.Cancel(); // the finished wait's token: it must not wake the board any more
        Assert.False(next.IsCompleted);
    }

    private static BlockBoard Board(int[] lengths, int sources, bool endgame, int copies = 3) =>
        new(lengths, Enumerable.Range(0, sources), endgame, copies);

    private static int Take(BlockBoard board, int source)
    {
        Assert.True(board.TryTake(source, out var block), $"source {source} got no block");
        return block;
    }
}

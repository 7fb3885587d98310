using P2PSim.PropertyTests.Model;
using P2PSim.PropertyTests.Support;

namespace P2PSim.PropertyTests.Concurrency;

/// <summary>
/// One step the linearizability checker places in a total order: a whole operation of a history, or, where reads
/// across buckets are checked per bucket (<c>PerBucketSteps</c>), one bucket's part of such a read.
/// <see cref="Explains"/> applies the step to a model state (changing it for a write) and says whether the model
/// gives what the server answered; <see cref="After"/> is a step this one must follow (a gather's anchor).
/// </summary>
internal sealed record HistoryStep(HistoryEvent Event, Func<DirectoryModel, string, bool> Explains, int? After = null, string? Part = null)
{
    /// <summary>The whole operation: its reply must be the model's.</summary>
    public static HistoryStep Whole(HistoryEvent e) =>
        new(e, (state, clientIp) => ReplyEquality.Matches(e.Command, state.Apply(e.Command, clientIp), e.Reply));

    public override string ToString() => Part is null ? Event.ToString() : $"{Event}  [{Part}]";
}

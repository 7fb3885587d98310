namespace P2PSim.PropertyTests.Concurrency;

/// <summary>
/// The checker's verdict. <see cref="Witness"/> is a legal order when the history is linearizable; otherwise the
/// longest order found that explains a prefix of the history, which shows where explanations run out.
/// </summary>
internal sealed record LinearizabilityResult(bool Linearizable, IReadOnlyList<HistoryStep> Witness, int StatesExplored);

namespace P2PSim.PropertyTests.Support;

/// <summary>The result of running one session against a server and the model; the transcript has one line per request.</summary>
internal sealed record SequenceOutcome(bool Passed, string Transcript);

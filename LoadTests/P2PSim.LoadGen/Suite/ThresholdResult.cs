namespace P2PSim.LoadGen.Suite;

/// <summary>One threshold checked against one run (or against the headline, for the ceiling ratio).</summary>
internal sealed record ThresholdResult(string Threshold, string Subject, double? Actual, double Limit, bool Passed, string Detail);

namespace P2PSim.LoadGen.Suite;

/// <summary>How long and how wide the suite runs.</summary>
internal enum SuiteMode
{
    /// <summary>Every scenario briefly, a three-point sweep: under a minute, for CI.</summary>
    Smoke,

    /// <summary>Full sweeps of the classic mix and the bare ceiling, every logging mode: about ten minutes.</summary>
    Full,
}

namespace P2PSim.LoadGen.Suite;

/// <summary>The durations and sizes of one mode. Every figure here bounds a loop of the suite.</summary>
internal sealed record SuitePlan(
    TimeSpan WarmUp,
    TimeSpan Closed,
    TimeSpan SweepStep,
    IReadOnlyList<double> SweepFractions,
    bool SweepCeiling,
    TimeSpan Ramp,
    TimeSpan ReadHeavy,
    int ReadHeavyUsers,
    TimeSpan Transfer,
    int TransferClients,
    long TransferFileBytes,
    TimeSpan Logging,
    IReadOnlyList<LoggingMode> LoggingModes,
    int RatioRounds,
    TimeSpan RatioRound,
    int SessionRounds,
    TimeSpan SessionRound,
    bool SessionLongRuns,
    int StoreRounds,
    TimeSpan StoreRound,
    int RestartUsers)
{
    /// <summary>Files per user of the restart measurement unless told otherwise: 100,000 users, 1,000,000 files.</summary>
    public const int RestartFilesPerUser = 10;

    /// <summary>Clients of the closed-model reference runs: the figure the ≥ 80 % goal is stated at.</summary>
    public const int ReferenceClients = 16;

    public static SuitePlan For(SuiteMode mode) => mode switch
    {
        SuiteMode.Smoke => new SuitePlan(
            WarmUp: TimeSpan.FromSeconds(0.5),
            Closed: TimeSpan.FromSeconds(2),
            SweepStep: TimeSpan.FromSeconds(2),
            SweepFractions: [0.25, 0.5, 1.0],
            SweepCeiling: false,
            Ramp: TimeSpan.FromSeconds(3),
            ReadHeavy: TimeSpan.FromSeconds(2),
            ReadHeavyUsers: 10_000,
            Transfer: TimeSpan.FromSeconds(2),
            TransferClients: 4,
            TransferFileBytes: 256 * 1024,
            Logging: TimeSpan.FromSeconds(2),
            LoggingModes: [LoggingMode.Up],
            RatioRounds: 2,
            RatioRound: TimeSpan.FromSeconds(1),
            SessionRounds: 1,
            SessionRound: TimeSpan.FromSeconds(0.5),
            SessionLongRuns: false,
            StoreRounds: 1,
            StoreRound: TimeSpan.FromSeconds(0.5),
            RestartUsers: 0),
        SuiteMode.Full => new SuitePlan(
            WarmUp: TimeSpan.FromSeconds(2),
            Closed: TimeSpan.FromSeconds(10),
            SweepStep: TimeSpan.FromSeconds(6),
            SweepFractions: [0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75],
            SweepCeiling: true,
            Ramp: TimeSpan.FromSeconds(30),
            ReadHeavy: TimeSpan.FromSeconds(10),
            ReadHeavyUsers: 10_000,
            Transfer: TimeSpan.FromSeconds(10),
            TransferClients: 4,
            TransferFileBytes: 1024 * 1024,
            Logging: TimeSpan.FromSeconds(10),
            LoggingModes: [LoggingMode.Off, LoggingMode.Up, LoggingMode.Down, LoggingMode.Stalled],
            RatioRounds: 5,
            RatioRound: TimeSpan.FromSeconds(4),
            SessionRounds: 3,
            SessionRound: TimeSpan.FromSeconds(4),
            SessionLongRuns: true,
            StoreRounds: 3,
            StoreRound: TimeSpan.FromSeconds(4),
            RestartUsers: 100_000),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}

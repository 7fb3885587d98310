namespace P2PSim.LoadGen.Engine;

/// <summary>
/// One phase of load, run one after another like NBomber's simulations. Closed models hold a number of clients
/// that each start a new iteration as soon as the last ended; open models start iterations on a schedule
/// (arrivals per second) whether or not earlier ones finished, and measure latency from the scheduled start.
/// </summary>
internal abstract record LoadSimulation(TimeSpan Duration)
{
    /// <summary>Largest number of clients (closed) or of iterations in flight (open) the phase may use.</summary>
    public abstract int MaxWorkers { get; }

    /// <summary>The load level at <paramref name="elapsed"/> into the phase: clients (closed) or arrivals/s (open).</summary>
    public abstract double LevelAt(TimeSpan elapsed);

    /// <summary>True for arrival-rate phases.</summary>
    public abstract bool IsOpen { get; }

    /// <summary>Human-readable summary for reports.</summary>
    public abstract string Describe();

    /// <summary>A few characters for the live progress table.</summary>
    public abstract string Short();
}

/// <summary>Closed model: <paramref name="Clients"/> clients for the whole phase.</summary>
internal sealed record KeepConstantClients(int Clients, TimeSpan Duration) : LoadSimulation(Duration)
{
    public override int MaxWorkers => Clients;

    public override bool IsOpen => false;

    public override double LevelAt(TimeSpan elapsed) => Clients;

    public override string Describe() => $"{Clients} clients (closed) for {Duration.TotalSeconds:0.#} s";

    public override string Short() => $"{Clients} clients";
}

/// <summary>Closed model: clients go linearly from <paramref name="From"/> to <paramref name="To"/> over the phase.</summary>
internal sealed record RampClients(int From, int To, TimeSpan Duration) : LoadSimulation(Duration)
{
    public override int MaxWorkers => Math.Max(From, To);

    public override bool IsOpen => false;

    public override double LevelAt(TimeSpan elapsed) =>
        From + ((To - From) * Math.Clamp(elapsed / Duration, 0, 1));

    public override string Describe() => $"clients {From} → {To} (closed, ramping) over {Duration.TotalSeconds:0.#} s";

    public override string Short() => $"{From}→{To} clients";
}

/// <summary>Open model: <paramref name="Rate"/> iterations start per second, at most <paramref name="MaxConcurrency"/> in flight.</summary>
internal sealed record InjectRate(double Rate, TimeSpan Duration, int MaxConcurrency = InjectRate.DefaultMaxConcurrency) : LoadSimulation(Duration)
{
    public const int DefaultMaxConcurrency = 128;

    public override int MaxWorkers => MaxConcurrency;

    public override bool IsOpen => true;

    public override double LevelAt(TimeSpan elapsed) => Rate;

    public override string Describe() => $"{Rate:0.#} arrivals/s (open) for {Duration.TotalSeconds:0.#} s, ≤ {MaxConcurrency} in flight";

    public override string Short() => $"{Rate:0}/s";
}

/// <summary>Open model: the arrival rate goes linearly from <paramref name="From"/> to <paramref name="To"/> per second.</summary>
internal sealed record RampRate(double From, double To, TimeSpan Duration, int MaxConcurrency = InjectRate.DefaultMaxConcurrency)
    : LoadSimulation(Duration)
{
    public override int MaxWorkers => MaxConcurrency;

    public override bool IsOpen => true;

    public override double LevelAt(TimeSpan elapsed) => From + ((To - From) * Math.Clamp(elapsed / Duration, 0, 1));

    public override string Describe() =>
        $"arrivals {From:0.#} → {To:0.#}/s (open, ramping) over {Duration.TotalSeconds:0.#} s, ≤ {MaxConcurrency} in flight";

    public override string Short() => $"{From:0}→{To:0}/s";
}

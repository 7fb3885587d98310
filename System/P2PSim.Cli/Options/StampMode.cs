namespace P2PSim.Cli.Options;

/// <summary>What a peer puts in the optional timestamp field of its directory requests (spec §1, "part 2").</summary>
internal enum StampMode
{
    /// <summary>No timestamp: the part-1 requests.</summary>
    None,

    /// <summary>Ask the SOAP time service before each operation; the local time while it is down.</summary>
    Service,

    /// <summary>The local time, without any time service: for part-2 classic servers run without one.</summary>
    Local,
}

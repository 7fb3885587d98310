namespace P2PSim.Cli.Options;

/// <summary>The values of an on/off option (<c>--classic off</c>).</summary>
internal enum Switch
{
    On,
    Off,
}

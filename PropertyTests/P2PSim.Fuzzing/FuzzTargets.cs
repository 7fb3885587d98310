using P2PSim.Fuzzing.Targets;

namespace P2PSim.Fuzzing;

/// <summary>Every fuzz target, by name.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        .. ClassicTargets.All(),
        .. ExtensionTargets.All(),
        .. SessionTargets.All(),
        .. RpcTargets.All(),
        .. ShellTargets.All(),
        .. StartupFileTargets.All(),
        .. LogFileTargets.All(),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}

namespace P2PSim.DirectoryServer.Registry;

/// <summary>What a reading registry operation found, and its answer when <see cref="Status"/> is <see cref="RegistryStatus.Ok"/>.</summary>
public readonly record struct RegistryResult<T>(RegistryStatus Status, T Value);

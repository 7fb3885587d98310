using P2PSim.Protocol;

namespace P2PSim.Simulation.Runs.Tests.Model;

/// <summary>One directory operation a peer performed on its own user, as the model needs to judge its reply.</summary>
internal sealed record ModelOperation(Operation Operation, string Host, int Port = 0, string? File = null, string? RemoteUser = null)
{
    public override string ToString() => $"{Operation.WireName()}{(File is null ? "" : " " + File)}{(RemoteUser is null ? "" : " " + RemoteUser)}";
}

using FsCheck;
using FsCheck.Fluent;
using P2PSim.PropertyTests.Generators;
using P2PSim.PropertyTests.Model;
using P2PSim.PropertyTests.Support;
using Xunit.Abstractions;

namespace P2PSim.PropertyTests;

/// <summary>
/// Random multi-user sessions run against a real directory server through <see cref="Peer.DirectoryClient"/>, each on
/// a fresh server, compared request by request with <see cref="DirectoryModel"/> (result codes, and list replies as
/// sets) and at the end with the registry snapshot. A failure prints the shrunk session as a transcript.
/// </summary>
public sealed class RegistryModelProperties(ITestOutputHelper output)
{
    [Fact]
    public void Sessions_over_the_in_memory_transport_match_the_model() =>
        CheckSessions(ServerTarget.InMemory, PropertySettings.InMemoryCases);

    [Fact]
    public void Sessions_over_loopback_tcp_match_the_model() =>
        CheckSessions(ServerTarget.Tcp, PropertySettings.TcpCases);

    [Fact]
    public void Sequences_on_one_session_match_the_model() =>
        CheckSessions(ServerTarget.InMemory, PropertySettings.InMemoryCases, ClientMode.Session);

    [Fact]
    public void Sequences_mixing_session_and_classic_requests_match_the_model() =>
        CheckSessions(ServerTarget.Tcp, PropertySettings.TcpCases, ClientMode.Mixed);

    /// <summary>The session property; <paramref name="onFailure"/> sees every failing session, the last one being the shrunk one.</summary>
    internal static Property SessionProperty(
        ServerTarget target,
        Func<DirectoryModel> newModel,
        Action<CommandSequence, string> onFailure,
        ServerFactory? server = null,
        ClientMode mode = ClientMode.Classic) =>
        Prop.ForAll(CommandGenerators.Arbitrary, sequence =>
        {
            var outcome = SequenceRunner.Run(sequence, target, newModel(), server, mode);
            if (!outcome.Passed)
            {
                onFailure(sequence, outcome.Transcript);
            }

            return outcome.Passed.Label(outcome.Transcript);
        });

    private void CheckSessions(ServerTarget target, int cases, ClientMode mode = ClientMode.Classic)
    {
        output.WriteLine($"{target}, {mode}: {PropertySettings.Describe(cases)}");
        Check.One(PropertySettings.Config(cases), SessionProperty(target, () => new DirectoryModel(), (_, _) => { }, mode: mode));
    }
}

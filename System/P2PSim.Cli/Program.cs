using System.CommandLine;
using System.Runtime.InteropServices;
using P2PSim.Cli.Commands;

var root = new RootCommand("P2PSim: a hybrid peer-to-peer file-sharing system and its test harness.")
{
    ServerCommand.Create(),
    PeerCommand.Create(),
    GetCommand.Create(),
    TimedCommand.Create(),
    LogdCommand.Create(),
    DemoCommand.Create(),
};

// SIGINT/SIGTERM cancel the running command, which stops gracefully and exits 0 (a clean stop, spec §5). We own
// the signals rather than System.CommandLine, which would turn them into exit codes 130/143.
using var stopping = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stopping.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true; // keep the process alive until the command has stopped
    stopping.Cancel();
}

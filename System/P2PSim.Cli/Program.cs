using System.CommandLine;
using P2PSim.Cli.Commands;

var root = new RootCommand("P2PSim: a hybrid peer-to-peer file-sharing system and its test harness.")
{
    ServerCommand.Create(),
};

return await root.Parse(args).InvokeAsync();

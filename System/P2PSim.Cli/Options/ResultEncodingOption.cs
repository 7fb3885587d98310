using System.CommandLine;
using P2PSim.Protocol;

namespace P2PSim.Cli.Hosting;

/// <summary><c>--result-encoding ascii|byte|char</c>: how this process writes result codes (spec §1).</summary>
internal static class ResultEncodingOption
{
    public static Option<ResultEncoding> Create() => new("--result-encoding")
    {
        Description = "How result codes are written: ascii (digit + NUL, the default), byte (one raw byte), char (a lone digit).",
        DefaultValueFactory = _ => ResultEncoding.Ascii,
    };
}

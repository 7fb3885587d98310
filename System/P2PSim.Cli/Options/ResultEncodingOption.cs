using System.CommandLine;
using P2PSim.Protocol;

namespace P2PSim.Cli.Options;

/// <summary><c>--result-encoding ascii|byte|char</c>: how this process writes result codes (spec §1).</summary>
internal static class ResultEncodingOption
{
    public static Option<ResultEncoding> Create(string whose) => EnumOption.Create(
        "--result-encoding",
        $"How {whose} writes result codes: ascii (digit + NUL, the default), byte (one raw byte), char (a lone digit).",
        ResultEncoding.Ascii,
        lowerCase: true);
}

using System.CommandLine;

namespace P2PSim.Cli.Options;

/// <summary>HTTP addresses: the time service a peer asks (<c>--time-service</c>).</summary>
internal static class UrlOption
{
    public static Option<Uri?> TimeService() => new("--time-service")
    {
        Description = "SOAP time service (e.g. http://127.0.0.1:8000/) that stamps every directory operation; when it is down, operations are stamped locally.",
        HelpName = "URL",
        CustomParser = result =>
        {
            var text = OptionError.Token(result);
            return TryParseHttp(text, out var url)
                ? url
                : OptionError.Report<Uri>(result, $"{OptionError.Spelling(result)} '{text}' is not an http:// URL: give the time service's address, e.g. http://127.0.0.1:8000/");
        },
    };

    /// <summary>An absolute http or https URL with a host.</summary>
    public static bool TryParseHttp(string text, out Uri url) =>
        Uri.TryCreate(text, UriKind.Absolute, out url!) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) &&
        url.Host.Length > 0;
}

using System.Text;
using Microsoft.AspNetCore.Http;

namespace P2PSim.TimeService;

/// <summary>
/// Runs before SoapCore on every request: reads the body whole, under <see cref="TimeServiceHost.MaxRequestBodySize"/>
/// bytes, and answers itself what SoapCore would mishandle. A body of the cap or more gets 413 (SoapCore turned
/// Kestrel's limit into a 500 with an error logged, and a body of exactly the cap was never answered); a body with a document
/// type declaration gets a SOAP fault at once, so no DTD, internal entity or external one is ever processed. What
/// passes reaches SoapCore as an in-memory stream.
/// </summary>
internal sealed class RequestBodyGuard(RequestDelegate next)
{
    private const string FaultTemplate =
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault>" +
        "<faultcode>s:Client</faultcode><faultstring>{0}</faultstring></s:Fault></s:Body></s:Envelope>";

    /// <summary>
    /// One byte under the cap: SoapCore 1.2 never answers a body of exactly 64 KiB (it waits for the client to give
    /// up), so that size is refused here too.
    /// </summary>
    private const int LargestAccepted = (int)TimeServiceHost.MaxRequestBodySize - 1;

    /// <summary>"&lt;!DOCTYPE" in the encodings an XML body may use.</summary>
    private static readonly byte[][] Doctypes =
    [
        Encoding.UTF8.GetBytes("<!DOCTYPE"),
        Encoding.Unicode.GetBytes("<!DOCTYPE"),
        Encoding.BigEndianUnicode.GetBytes("<!DOCTYPE"),
    ];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            await next(context); // the WSDL (GET) has no body
            return;
        }

        if (request.ContentLength > LargestAccepted)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body is over {TimeServiceHost.MaxRequestBodySize} bytes.");
            return;
        }

        var body = await ReadBoundedAsync(request.Body, context.RequestAborted);
        if (body is null)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body is over {TimeServiceHost.MaxRequestBodySize} bytes.");
            return;
        }

        if (HasDoctype(body))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "Document type declarations (DTDs) are not accepted.");
            return;
        }

        request.Body = new MemoryStream(body, writable: false);
        request.ContentLength = body.Length;
        await next(context);
    }

    /// <summary>The whole body, or null as soon as it passes <see cref="LargestAccepted"/> (without reading the rest).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[LargestAccepted + 1];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return buffer[..filled];
            }

            filled += read;
        }

        return null;
    }

    /// <summary>
    /// A <c>&lt;!DOCTYPE</c> anywhere, in UTF-8 or UTF-16 (XML spells the keyword in capitals): a SOAP envelope never
    /// has one (SOAP 1.1 §3 forbids it), so looking for the bytes is enough.
    /// </summary>
    private static bool HasDoctype(byte[] body) =>
        Doctypes.Any(doctype => body.AsSpan().IndexOf(doctype) >= 0);


    private static async Task RefuseAsync(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml; charset=utf-8";
        await context.Response.WriteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, FaultTemplate, reason), context.RequestAborted);
    }
}

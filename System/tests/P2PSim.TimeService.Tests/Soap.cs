using System.Text;

namespace P2PSim.TimeService.Tests;

/// <summary>Raw SOAP 1.1 requests, for the hostile-input tests the WCF client cannot send.</summary>
internal static class Soap
{
    public static string Envelope(string body) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>" +
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>" + body + "</s:Body></s:Envelope>";

    public static async Task<(int Status, string Body)> PostAsync(Uri address, string xml, string operation)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var content = new StringContent(xml, Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", $"\"{TimeServiceContract.Namespace}/{TimeServiceContract.Name}/{operation}\"");
        using var response = await http.PostAsync(address, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

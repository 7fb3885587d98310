using System.Net.Sockets;
using System.Text;

namespace P2PSim.Fixtures;

/// <summary>One classic operation at byte level over real TCP: connect, send the bytes, read until the server closes.</summary>
public static class ClassicWire
{
    /// <summary>Sends <paramref name="request"/> (ASCII, fields already NUL-terminated) to 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<string> SendAsync(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var reply = new MemoryStream();
        await stream.CopyToAsync(reply);
        return Encoding.ASCII.GetString(reply.ToArray());
    }
}

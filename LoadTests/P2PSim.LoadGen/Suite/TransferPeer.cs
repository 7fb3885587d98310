using P2PSim.Peer.Serving;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Tcp;

namespace P2PSim.LoadGen.Suite;

/// <summary>A P2PSim FileServer on 127.0.0.1 sharing one file of a given size, plus a folder for the downloads.</summary>
internal sealed class TransferPeer : IAsyncDisposable
{
    public const string FileName = "blob.bin";

    private readonly RunningServer<FileServer> _server;

    private TransferPeer(RunningServer<FileServer> server, string downloadDirectory)
    {
        _server = server;
        DownloadDirectory = downloadDirectory;
    }

    public TransportEndPoint EndPoint => _server.EndPoint;

    public string DownloadDirectory { get; }

    public static async Task<TransferPeer> StartAsync(string work, long fileBytes, CancellationToken cancellationToken)
    {
        var share = Directory.CreateDirectory(Path.Combine(work, "share")).FullName;
        var downloads = Directory.CreateDirectory(Path.Combine(work, "downloads")).FullName;
        var content = new byte[fileBytes];
        new Random(20261124).NextBytes(content);
        await File.WriteAllBytesAsync(Path.Combine(share, FileName), content, cancellationToken);
        var server = await FileServerHost.StartAsync(
            TcpTransport.Instance, new TransportEndPoint("127.0.0.1", 0), new FileServerOptions(share), cancellationToken: cancellationToken);
        return new TransferPeer(server, downloads);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

using System.Text;

namespace P2PSim.PropertyTests.PeerServing;

/// <summary>
/// A temporary folder laid out for one case: <c>share/</c> with the case's files, a sub-folder and a symbolic link
/// to a secret file beside the share. Nothing of the secret may ever come back from the file server.
/// </summary>
internal sealed class ShareFixture : IDisposable
{
    public const string Folder = "sub";
    public const string LinkOut = "link.txt";
    public const string Secret = "secret.txt";

    /// <summary>The secret file's content: a marker no generated file contains by chance.</summary>
    public static readonly byte[] SecretContent = Encoding.ASCII.GetBytes("SECRET-OUTSIDE-THE-SHARE-7f3a9c");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "p2psim-props-" + Guid.NewGuid().ToString("N"));

    public ShareFixture(IEnumerable<SharedFile> files)
    {
        Share = Path.Combine(_root, "share");
        Directory.CreateDirectory(Path.Combine(Share, Folder));
        File.WriteAllBytes(Path.Combine(_root, Secret), SecretContent);
        File.WriteAllBytes(Path.Combine(Share, Folder, "inner.bin"), SecretContent);
        File.CreateSymbolicLink(Path.Combine(Share, LinkOut), Path.Combine("..", Secret));
        foreach (var file in files)
        {
            File.WriteAllBytes(Path.Combine(Share, file.Name), file.Content());
        }
    }

    public string Share { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing a handle on Windows; the temp folder is cleaned up later.
        }
    }
}

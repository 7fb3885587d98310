using P2PSim.Peer.Serving;
using P2PSim.Peer.Tests.Infrastructure;

namespace P2PSim.Peer.Tests;

public sealed class ShareFolderTests
{
    [Theory]
    [InlineData("a.txt")]
    [InlineData("report-2024.pdf")]
    [InlineData(".hidden")]
    [InlineData("ñandú.txt")]
    [InlineData("with space.txt")]
    public void Plain_names_are_safe(string name) => Assert.True(ShareFolder.IsSafeName(name));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../a.txt")]
    [InlineData("..\\a.txt")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("/etc/passwd")]
    [InlineData("a..b")]
    [InlineData("a\0b")]
    [InlineData("a\nb")]
    public void Unsafe_names_are_refused(string name) => Assert.False(ShareFolder.IsSafeName(name));

    [Fact]
    public void Resolved_paths_stay_inside_the_folder()
    {
        using var folder = new TempFolder();
        var share = new ShareFolder(folder.Path);

        Assert.True(share.TryResolve("a.txt", out var path));
        Assert.Equal(Path.Combine(folder.Path, "a.txt"), path);
        Assert.False(share.TryResolve("../a.txt", out _));
        Assert.False(share.TryResolve(Path.Combine(folder.Path, "a.txt"), out _));
        Assert.EndsWith(Path.DirectorySeparatorChar.ToString(), share.Root, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_reached_through_a_link_still_serves_links_inside_it()
    {
        using var real = new TempFolder();
        using var parent = new TempFolder();
        real.Write("a.txt", "A"u8.ToArray());
        var linkedShare = parent["share"];
        try
        {
            Directory.CreateSymbolicLink(linkedShare, real.Path);
            File.CreateSymbolicLink(Path.Combine(real.Path, "alias.txt"), Path.Combine(real.Path, "a.txt"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return; // no symbolic links on this machine
        }

        var share = new ShareFolder(linkedShare);

        Assert.True(share.TryResolve("a.txt", out _));
        Assert.True(share.TryResolve("alias.txt", out _));
    }
}

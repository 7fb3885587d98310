using System.Runtime.InteropServices;

namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// fsync of a directory, which makes a file's creation, rename or removal durable. .NET opens no directory as a
/// file, so this calls libc on Linux; elsewhere it does nothing (NTFS journals its metadata; macOS would want
/// F_FULLFSYNC anyway).
/// </summary>
internal static class DirectorySync
{
    // O_RDONLY alone: a directory opens read-only without O_DIRECTORY, whose value differs between architectures
    // (0x10000 on x86-64 is O_DIRECT on arm64).
    private const int ReadOnly = 0;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"Cannot open the directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of the directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // DllImport rather than LibraryImport, whose generated code needs unsafe blocks in this project.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}

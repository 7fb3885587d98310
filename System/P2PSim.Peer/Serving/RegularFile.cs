using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace P2PSim.Peer.Serving;

/// <summary>
/// Opens a shared file for reading only when it is a regular file. .NET opens a named pipe (FIFO) with a plain
/// open(2), which waits for a writer that may never come: one in the share folder would hold a thread and a
/// connection for ever. On Linux and macOS the file is opened with O_NONBLOCK, which returns at once for a pipe,
/// and anything that cannot seek (a pipe, a socket, a terminal) is refused. .NET's own checks reject a folder.
/// </summary>
internal static class RegularFile
{
    private const int ReadOnly = 0;
    private const int Enoent = 2;
    private const int Enxio = 6; // a socket file: no such device or address
    private const int Eacces = 13;
    private const int Enotdir = 20;

    /// <summary>
    /// Opens <paramref name="path"/> for reading (shared with writers and deleters).
    /// </summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="NotRegularFileException">A pipe, socket, device or folder.</exception>
    /// <exception cref="IOException">Another failure to open it.</exception>
    /// <exception cref="UnauthorizedAccessException">Not readable by this process.</exception>
    public static SafeFileHandle Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new NotRegularFileException(path);
        }

        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }

        var flags = ReadOnly | (OperatingSystem.IsLinux() ? 0x800 | 0x80000 : 0x4 | 0x1000000); // O_NONBLOCK | O_CLOEXEC
        var fd = OpenNative(path, flags);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno switch
            {
                Enoent or Enotdir => new FileNotFoundException("No such file.", path),
                Eacces => new UnauthorizedAccessException($"Access to '{path}' is denied."),
                Enxio => new NotRegularFileException(path),
                _ => new IOException($"Cannot open '{path}' (errno {errno})."),
            };
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            if (!IsSeekable(fd))
            {
                throw new NotRegularFileException(path);
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static bool IsSeekable(int fd) => Seek(fd, 0, 1 /* SEEK_CUR */) >= 0;

    // DllImport rather than LibraryImport, whose generated code needs unsafe blocks in this project.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    private static extern long Seek(int fd, long offset, int whence);
}

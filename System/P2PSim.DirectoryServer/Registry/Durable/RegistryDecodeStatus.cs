namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>What <see cref="RegistryRecordCodec.TryDecode"/> found at the start of its input.</summary>
public enum RegistryDecodeStatus
{
    /// <summary>A whole, valid record.</summary>
    Ok,

    /// <summary>The start of a frame whose end is missing: a write cut short, if it is the end of a file.</summary>
    Incomplete,

    /// <summary>
    /// Bytes that are no record: a bad length or CRC, an unknown kind, a field running past the payload or bytes
    /// left after it, invalid UTF-8, an impossible password hash.
    /// </summary>
    Corrupt,
}

namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>How a <see cref="MultiFileDownload"/> ended, short of an exception.</summary>
public enum MultiFileStatus
{
    /// <summary>The file is in place, verified.</summary>
    Downloaded,

    /// <summary>The directory answered, but no other connected user publishes the file.</summary>
    NoSources,

    /// <summary>The directory does not know FIND_SOURCES (a classic server answers -1): only GET_FILE can help.</summary>
    NotSupported,

    /// <summary>The directory answered FIND_SOURCES with another error code (a malformed request: 3).</summary>
    Refused,
}

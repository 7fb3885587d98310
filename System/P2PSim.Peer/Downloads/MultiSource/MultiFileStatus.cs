namespace P2PSim.Peer.Downloads.MultiSource;

/// <summary>How a <see cref="MultiFileDownload"/> ended, short of an exception.</summary>
public enum MultiFileStatus
{
    /// <summary>The file is in place, verified.</summary>
    Downloaded,

    /// <summary>The directory answered, but no other connected user publishes the file.</summary>
    NoSources,

    /// <summary>
    /// The directory knows neither FIND_SOURCES nor, for the classic fallback, LIST_USERS (it answered -1 to both).
    /// A classic server that answers LIST_USERS gets the fallback instead (<see cref="MultiFileOutcome.ViaListContent"/>).
    /// </summary>
    NotSupported,

    /// <summary>The directory answered FIND_SOURCES (or LIST_USERS, after the fallback) with another error code.</summary>
    Refused,
}

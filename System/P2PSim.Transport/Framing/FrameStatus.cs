namespace P2PSim.Transport.Framing;

/// <summary>How a <see cref="FrameReader"/> read of one frame ended.</summary>
public enum FrameStatus
{
    /// <summary>A whole frame was decoded.</summary>
    Frame,

    /// <summary>The stream ended cleanly between frames: nothing was buffered.</summary>
    End,

    /// <summary>The stream ended in the middle of a frame: <see cref="FrameReader.Buffered"/> holds its start.</summary>
    EndMidFrame,

    /// <summary>The reader's limit is buffered and still no whole frame decodes.</summary>
    OverLimit,
}

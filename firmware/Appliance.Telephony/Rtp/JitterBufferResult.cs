namespace Appliance.Telephony.Rtp;

/// <summary>What <see cref="JitterBuffer.Read"/> put in the frame.</summary>
public enum JitterBufferResult
{
    /// <summary>Nothing to play yet (filling up, or the stream stopped); the frame is untouched.</summary>
    Empty,

    /// <summary>Received audio only.</summary>
    Audio,

    /// <summary>Part or all of the frame is concealment for a lost or late packet.</summary>
    Concealed,
}

namespace Appliance.Telephony.Sdp;

/// <summary>RFC 3264 stream direction, always from the point of view of the description's author.</summary>
public enum MediaDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

/// <summary>Attribute names and the offer/answer mirror rule for <see cref="MediaDirection"/>.</summary>
public static class MediaDirectionExtensions
{
    public static string ToAttribute(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.RecvOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    public static bool TryParse(ReadOnlySpan<char> attribute, out MediaDirection direction)
    {
        switch (attribute)
        {
            case "sendrecv": direction = MediaDirection.SendRecv; return true;
            case "sendonly": direction = MediaDirection.SendOnly; return true;
            case "recvonly": direction = MediaDirection.RecvOnly; return true;
            case "inactive": direction = MediaDirection.Inactive; return true;
            default: direction = MediaDirection.SendRecv; return false;
        }
    }

    /// <summary>RFC 3264 §6.1: sendonly is answered with recvonly, recvonly with sendonly, the rest unchanged.</summary>
    public static MediaDirection Mirror(this MediaDirection offered) => offered switch
    {
        MediaDirection.SendOnly => MediaDirection.RecvOnly,
        MediaDirection.RecvOnly => MediaDirection.SendOnly,
        _ => offered,
    };

    public static bool CanSend(this MediaDirection direction) =>
        direction is MediaDirection.SendRecv or MediaDirection.SendOnly;

    public static bool CanReceive(this MediaDirection direction) =>
        direction is MediaDirection.SendRecv or MediaDirection.RecvOnly;
}

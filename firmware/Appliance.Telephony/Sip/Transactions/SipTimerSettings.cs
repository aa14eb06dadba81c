namespace Appliance.Telephony.Sip.Transactions;

/// <summary>RFC 3261 §17 timer base values; derived timers (B, F, H, J = 64·T1...) follow from them.</summary>
public sealed record SipTimerSettings
{
    public static SipTimerSettings Default { get; } = new();

    /// <summary>RTT estimate; first retransmission interval.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmission interval for non-INVITE requests and INVITE responses.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum time a message stays in the network.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Transaction timeout (Timers B, F, H, J, L, M).</summary>
    public TimeSpan Timeout64 => T1 * 64;

    /// <summary>Timer D: how long an INVITE client absorbs retransmitted final responses over UDP.</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);
}

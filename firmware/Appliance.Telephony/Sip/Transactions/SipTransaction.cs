using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Sip.Transactions;

/// <summary>
/// Common state of the four RFC 3261 §17 state machines. All methods run under the layer's gate;
/// timers re-enter through <see cref="Schedule"/> which takes that gate first.
/// </summary>
public abstract class SipTransaction
{
    private readonly List<ITimer> _timers = [];

    private protected SipTransaction(SipTransactionLayer layer, string key, SipMessage request, SipEndPoint peer)
    {
        Layer = layer;
        Key = key;
        Request = request;
        Peer = peer;
    }

    public string Key { get; }

    public SipMessage Request { get; }

    /// <summary>The remote side: where requests go (client) or where the request came from (server).</summary>
    public SipEndPoint Peer { get; }

    public bool IsTerminated { get; private set; }

    private protected SipTransactionLayer Layer { get; }

    private protected SipTimerSettings Timers => Layer.Timers;

    /// <summary>Starts a one-shot timer whose callback runs under the layer gate unless the transaction ended.</summary>
    private protected ITimer Schedule(TimeSpan due, Action callback)
    {
        ITimer? timer = null;
        timer = Layer.Time.CreateTimer(
            _ => Layer.RunLocked(() =>
            {
                if (!IsTerminated)
                {
                    callback();
                }
            }),
            null, due, Timeout.InfiniteTimeSpan);
        _timers.Add(timer);
        return timer;
    }

    /// <summary>Retransmits with the RFC 3261 doubling back-off (capped at <paramref name="cap"/>) until stopped.</summary>
    private protected void RetransmitWithBackoff(TimeSpan interval, TimeSpan cap, Func<bool> stillNeeded, Action send)
    {
        Schedule(interval, () =>
        {
            if (!stillNeeded())
            {
                return;
            }
            send();
            var next = interval * 2;
            RetransmitWithBackoff(next < cap ? next : cap, cap, stillNeeded, send);
        });
    }

    private protected void Terminate()
    {
        if (IsTerminated)
        {
            return;
        }
        IsTerminated = true;
        foreach (var t in _timers)
        {
            t.Dispose();
        }
        _timers.Clear();
        Layer.Remove(this);
    }
}

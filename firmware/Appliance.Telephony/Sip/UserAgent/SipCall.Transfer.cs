using System.Globalization;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transactions;
using Appliance.Telephony.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Sip.UserAgent;

/// <summary>
/// Transfers (RFC 3515 REFER with NOTIFY sipfrag progress; RFC 3891 Replaces for attended transfer)
/// and DTMF carried by SIP INFO.
/// </summary>
public sealed partial class SipCall
{
    private TaskCompletionSource<int>? _transferDone;

    /// <summary>
    /// Blind transfer to a sip: or tel: URI. Waits for a pending hold re-INVITE first (a REFER is never
    /// sent while one is outstanding). Returns the final status reported by NOTIFY (200 = transferred,
    /// after which this call is hung up), or the REFER's own failure status.
    /// </summary>
    public Task<int> TransferAsync(SipUri target) => TransferCoreAsync(target.ToString());

    /// <summary>Attended transfer: the peer of this call replaces <paramref name="consultation"/> (our call to the target).</summary>
    public Task<int> TransferAsync(SipCall consultation)
    {
        var dialog = consultation.Dialog ?? throw new InvalidOperationException("The consultation call is not established");
        var replaces = Uri.EscapeDataString(dialog.CallId) + "%3Bto-tag%3D" + Uri.EscapeDataString(dialog.RemoteTag ?? string.Empty)
            + "%3Bfrom-tag%3D" + Uri.EscapeDataString(dialog.LocalTag);
        var target = dialog.RemoteTarget.Clone();
        target.Headers = "Replaces=" + replaces;
        return TransferCoreAsync(target.ToString());
    }

    /// <summary>
    /// Places the consultation call of an attended transfer as this call's local party (new tag):
    /// to <paramref name="destination"/>, usually the PBX this call came from, or to the URI's own host
    /// when null. Wait for it with <see cref="WhenAnsweredAsync"/>.
    /// </summary>
    public SipCall Consult(SipUri target, SipEndPoint? destination)
    {
        var self = Layer.RunLocked(() => _dialog?.Local.Clone()) ?? throw new InvalidOperationException("The call is not established");
        return _ua.Call(target, destination, self);
    }

    /// <summary>True once this call is established, false when it ends first (refused, cancelled, timed out).</summary>
    public Task<bool> WhenAnsweredAsync(CancellationToken cancellationToken)
    {
        var answered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Checked and subscribed under the stack gate, so a 200 that raced ahead of the caller is not missed.
        Layer.RunLocked(() =>
        {
            if (State is SipCallState.Established or SipCallState.Ended)
            {
                answered.TrySetResult(State == SipCallState.Established);
                return;
            }
            Established += _ => answered.TrySetResult(true);
            Ended += (_, _) => answered.TrySetResult(false);
        });
        return answered.Task.WaitAsync(cancellationToken);
    }

    private async Task<int> TransferCoreAsync(string referTo)
    {
        while (true)
        {
            var pending = Layer.RunLocked(() => _reinviteDone?.Task);
            if (pending is null || pending.IsCompleted)
            {
                break;
            }
            await pending.ConfigureAwait(false);
        }
        var done = Layer.RunLocked(() =>
        {
            if (State != SipCallState.Established || _transferDone is { Task.IsCompleted: false } || IsReinvitePending)
            {
                return Task.FromResult(State == SipCallState.Established ? 491 : 481);
            }
            var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            _transferDone = tcs;
            var refer = NewInDialogRequest("REFER");
            refer.Headers.Add(SipHeaderNames.ReferTo, "<" + referTo + ">");
            var referredBy = _dialog!.Local.Clone();
            refer.Headers.Add(SipHeaderNames.ReferredBy, referredBy.ToString());
            var sent = SendInDialog(refer, (_, response) =>
            {
                if (response.StatusCode >= 300)
                {
                    tcs.TrySetResult(response.StatusCode);
                }
            }, _ => tcs.TrySetResult(408));
            if (!sent)
            {
                tcs.TrySetResult(481);
            }
            return tcs.Task;
        });
        var status = await done.ConfigureAwait(false);
        if (status is >= 200 and < 300)
        {
            await HangupAsync().ConfigureAwait(false);
        }
        return status;
    }

    private void OnNotify(SipServerTransaction tx)
    {
        var request = tx.Request;
        if (!string.Equals(request.Headers.Get(SipHeaderNames.Event)?.Split(';')[0].Trim(), "refer", StringComparison.OrdinalIgnoreCase))
        {
            tx.Respond(489, "Bad Event");
            return;
        }
        tx.Respond(200, "OK");
        // The body is a message/sipfrag status line: "SIP/2.0 200 OK".
        var body = request.BodyText;
        if (body.Length < 11 || !body.StartsWith("SIP/2.0 ", StringComparison.OrdinalIgnoreCase)
            || !int.TryParse(body.AsSpan(8, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            return;
        }
        TransferProgress?.Invoke(this, status);
        var terminated = request.Headers.Get(SipHeaderNames.SubscriptionState)?.StartsWith("terminated", StringComparison.OrdinalIgnoreCase) == true;
        if (status >= 200 || terminated)
        {
            Logger.LogInformation("Call {CallId}: transfer finished with {Status}", CallId, status);
            _transferDone?.TrySetResult(status);
        }
    }

    private void OnInfo(SipServerTransaction tx)
    {
        var request = tx.Request;
        var type = request.ContentType ?? string.Empty;
        var body = request.BodyText;
        char? digit = null;
        if (type.StartsWith("application/dtmf-relay", StringComparison.OrdinalIgnoreCase))
        {
            // "Signal=5\r\nDuration=160"
            foreach (var line in body.Split('\n'))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && line[..eq].Trim().Equals("Signal", StringComparison.OrdinalIgnoreCase))
                {
                    digit = ParseDigit(line[(eq + 1)..]);
                }
            }
        }
        else if (type.StartsWith("application/dtmf", StringComparison.OrdinalIgnoreCase))
        {
            digit = ParseDigit(body);
        }
        tx.Respond(200, "OK");
        if (digit is { } d)
        {
            DtmfReceived?.Invoke(this, d);
        }
    }

    private static char? ParseDigit(string text)
    {
        var t = text.Trim();
        if (t.Length == 1 && (char.IsAsciiDigit(t[0]) || t[0] is '*' or '#' or 'A' or 'B' or 'C' or 'D' or 'a' or 'b' or 'c' or 'd'))
        {
            return char.ToUpperInvariant(t[0]);
        }
        // RFC 4733 event codes 10 and 11 are * and #.
        return t switch { "10" => '*', "11" => '#', _ => null };
    }
}

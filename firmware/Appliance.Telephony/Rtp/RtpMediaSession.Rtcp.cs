using System.Net;

namespace Appliance.Telephony.Rtp;

/// <summary>RTCP: a report every ~5 s (SR while we send, else RR) and round-trip time from incoming reports.</summary>
public sealed partial class RtpMediaSession
{
    private readonly byte[] _rtcpPacket = new byte[128];
    private readonly byte[] _cname;
    private bool _hasSenderReport;
    private uint _lastSenderReport;
    private long _lastSenderReportArrival;
    private double? _roundTripMs;

    private void SendRtcpReport()
    {
        if (Volatile.Read(ref _media) is null)
        {
            return;
        }

        int length;
        lock (_gate)
        {
            RtcpSenderInfo? sender = null;
            long sent = Interlocked.Read(ref _packetsSent);
            if (sent != _packetsSentAtLastReport)
            {
                sender = new RtcpSenderInfo(RtcpSenderInfo.ToNtp(_time.GetUtcNow()), _timestamp, (uint)sent, (uint)Interlocked.Read(ref _bytesSent));
                _packetsSentAtLastReport = sent;
            }

            RtcpReportBlock? block = null;
            if (_received.PacketsReceived > 0)
            {
                // DLSR is in 1/65536 s since the last SR arrived (RFC 3550 §6.4.1).
                uint delay = _hasSenderReport ? (uint)(_time.GetElapsedTime(_lastSenderReportArrival).TotalSeconds * 65536) : 0;
                block = _received.CreateReportBlock(_hasSenderReport ? _lastSenderReport : 0, delay);
            }

            length = RtcpPacket.WriteReport(_rtcpPacket, _ssrc, sender, block, _cname);
        }

        Send(_rtcp, _rtcpLatch, _rtcpPacket.AsSpan(0, length));
    }

    private void OnRtcpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source, short[] scratch)
    {
        _ = scratch;
        if (Volatile.Read(ref _media) is null || !RtcpPacket.TryParse(datagram, _ssrc, out RtcpReport report) || !_rtcpLatch.Accept(source, out _))
        {
            return;
        }

        lock (_gate)
        {
            if (report.Sender is { } sender)
            {
                _lastSenderReport = sender.CompactNtp;
                _lastSenderReportArrival = _time.GetTimestamp();
                _hasSenderReport = true;
            }

            if (report.AboutUs is { LastSenderReport: not 0 } block)
            {
                // RTT = arrival - LSR - DLSR, all in the compact 16.16 NTP format.
                uint now = (uint)(RtcpSenderInfo.ToNtp(_time.GetUtcNow()) >> 16);
                int rtt = unchecked((int)(now - block.LastSenderReport - block.DelaySinceLastSenderReport));
                if (rtt >= 0)
                {
                    _roundTripMs = rtt * 1000.0 / 65536;
                }
            }
        }
    }
}

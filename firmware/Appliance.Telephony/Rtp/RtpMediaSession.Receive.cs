using System.Net;
using System.Net.Sockets;
using Appliance.Audio.Codecs;
using Appliance.Telephony.Sdp;

namespace Appliance.Telephony.Rtp;

/// <summary>The receive side: one loop per socket, each with its own preallocated buffers.</summary>
public sealed partial class RtpMediaSession
{
    private void StartReceiving()
    {
        _rtpLoop = Task.Run(() => ReceiveLoopAsync(_rtp, OnRtpDatagram, _stop.Token));
        _rtcpLoop = Task.Run(() => ReceiveLoopAsync(_rtcp, OnRtcpDatagram, _stop.Token));
    }

    private delegate void DatagramHandler(ReadOnlySpan<byte> datagram, SocketAddress source, short[] scratch);

    private async Task ReceiveLoopAsync(Socket socket, DatagramHandler handler, CancellationToken cancel)
    {
        byte[] buffer = new byte[MaxDatagram];
        short[] scratch = new short[JitterBuffer.MaxPacketSamples];
        var source = new SocketAddress(socket.AddressFamily);
        while (!cancel.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await socket.ReceiveFromAsync(buffer, SocketFlags.None, source, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // ICMP errors surface here on some stacks; the stream goes on.
                RtpLog.SocketError(_logger, e.SocketErrorCode);
                continue;
            }

            handler(buffer.AsSpan(0, length), source, scratch);
        }
    }

    private void OnRtpDatagram(ReadOnlySpan<byte> datagram, SocketAddress source, short[] pcm)
    {
        NegotiatedMedia? media = Volatile.Read(ref _media);
        if (media is null || !RtpHeader.TryParse(datagram, out RtpHeader header, out ReadOnlySpan<byte> payload) || header.Ssrc == _ssrc)
        {
            return;
        }

        bool isEvent = header.PayloadType == media.TelephoneEventPayloadType;
        if ((!isEvent && header.PayloadType != media.PayloadType) || !_rtpLatch.Accept(source, out IPEndPoint? latched))
        {
            return;
        }

        if (latched is not null)
        {
            RtpLog.Latched(_logger, latched);
            _rtcpLatch.Reset(new IPEndPoint(latched.Address, latched.Port + 1));
        }

        uint arrival = ArrivalInSamples();
        if (isEvent)
        {
            lock (_gate)
            {
                _received.Record(header, payload.Length, arrival);
            }

            if (TelephoneEvent.TryParse(payload, out TelephoneEvent telephoneEvent) && _dtmfIn.TryAccept(header.Timestamp, telephoneEvent, out DtmfEvent digit))
            {
                RaiseDtmf(digit);
            }

            return;
        }

        int samples = Math.Min(payload.Length, pcm.Length);
        if (media.IsALaw)
        {
            G711.DecodeALaw(payload[..samples], pcm);
        }
        else
        {
            G711.DecodeMuLaw(payload[..samples], pcm);
        }

        lock (_gate)
        {
            _received.Record(header, payload.Length, arrival);
            if (media.Direction.CanReceive())
            {
                _jitter.Push(header.SequenceNumber, header.Timestamp, header.Ssrc, pcm.AsSpan(0, samples));
            }
        }
    }

    private void RaiseDtmf(DtmfEvent digit)
    {
        try
        {
            DtmfReceived?.Invoke(digit);
        }
#pragma warning disable CA1031 // a subscriber's bug must not stop the receive loop
        catch (Exception e)
#pragma warning restore CA1031
        {
            RtpLog.HandlerFailed(_logger, e);
        }
    }

    private uint ArrivalInSamples() => RtpClock.ToRtpUnits(_time.GetElapsedTime(_epoch));
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Sip.Transport;

/// <summary>UDP: one datagram is one message (RFC 3261 §18.1.1).</summary>
internal sealed class SipUdpChannel : ISipChannel
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private Task? _loop;

    public SipUdpChannel(IPEndPoint bind, ILogger logger)
    {
        _logger = logger;
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public SipTransportKind Kind => SipTransportKind.Udp;

    public IPEndPoint LocalEndPoint { get; }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, IPEndPoint remote)
    {
        try
        {
            await _socket.SendToAsync(data, SocketFlags.None, remote).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            _logger.LogDebug("UDP send to {Remote} failed: {Error}", remote, e.Message);
        }
    }

    public void Start(Action<ReadOnlyMemory<byte>, IPEndPoint> onMessage) =>
        _loop = Task.Run(() => ReceiveLoopAsync(onMessage));

    private async Task ReceiveLoopAsync(Action<ReadOnlyMemory<byte>, IPEndPoint> onMessage)
    {
        var buffer = new byte[65_536];
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
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
                // ICMP port unreachable surfaces here on some stacks: not fatal for the listener.
                _logger.LogDebug("UDP receive error: {Error}", e.SocketErrorCode);
                continue;
            }
            try
            {
                onMessage(buffer.AsMemory(0, result.ReceivedBytes), (IPEndPoint)result.RemoteEndPoint);
            }
#pragma warning disable CA1031 // a faulty handler must never stop the listener
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogError(e, "SIP message handler failed");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}

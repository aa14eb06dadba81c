using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Sip.Transport;

/// <summary>
/// TCP listener plus outbound connections, keyed by remote address so responses and later requests
/// reuse the connection the peer opened (RFC 3261 §18.2.2).
/// </summary>
internal sealed class SipTcpChannel : ISipChannel
{
    private const int MaxConnections = 256;
    private readonly Socket _listener;
    private readonly ConcurrentDictionary<IPEndPoint, SipTcpConnection> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private Action<ReadOnlyMemory<byte>, IPEndPoint>? _onMessage;
    private Task? _acceptLoop;

    public SipTcpChannel(IPEndPoint bind, ILogger logger)
    {
        _logger = logger;
        _listener = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(bind);
        _listener.Listen(64);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public SipTransportKind Kind => SipTransportKind.Tcp;

    public IPEndPoint LocalEndPoint { get; }

    public void Start(Action<ReadOnlyMemory<byte>, IPEndPoint> onMessage)
    {
        _onMessage = onMessage;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, IPEndPoint remote)
    {
        if (!_connections.TryGetValue(remote, out var connection) || connection.IsClosed)
        {
            var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(remote, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                socket.Dispose();
                _logger.LogDebug("TCP connect to {Remote} failed: {Error}", remote, e.Message);
                return;
            }
            connection = Track(socket);
        }
        await connection.SendAsync(data).ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
                continue;
            }
            if (_connections.Count >= MaxConnections)
            {
                socket.Dispose();
                continue;
            }
            socket.NoDelay = true;
            Track(socket);
        }
    }

    private SipTcpConnection Track(Socket socket)
    {
        var connection = new SipTcpConnection(socket, _logger);
        _connections[connection.Remote] = connection;
        connection.Start(_onMessage!, closed => _connections.TryRemove(new KeyValuePair<IPEndPoint, SipTcpConnection>(closed.Remote, closed)));
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}

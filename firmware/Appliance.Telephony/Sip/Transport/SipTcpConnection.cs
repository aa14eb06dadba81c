using System.Net;
using System.Net.Sockets;
using Appliance.Telephony.Sip.Messages;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Sip.Transport;

/// <summary>One TCP connection: a read loop framing messages by Content-Length, and serialised writes.</summary>
internal sealed class SipTcpConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private Task? _loop;

    public SipTcpConnection(Socket socket, ILogger logger)
    {
        _socket = socket;
        _logger = logger;
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
    }

    public IPEndPoint Remote { get; }

    public bool IsClosed { get; private set; }

    public void Start(Action<ReadOnlyMemory<byte>, IPEndPoint> onMessage, Action<SipTcpConnection> onClosed) =>
        _loop = Task.Run(async () =>
        {
            await ReadLoopAsync(onMessage).ConfigureAwait(false);
            IsClosed = true;
            onClosed(this);
        });

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            while (!data.IsEmpty)
            {
                var n = await _socket.SendAsync(data, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                data = data[n..];
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            _logger.LogDebug("TCP send to {Remote} failed: {Error}", Remote, e.Message);
            IsClosed = true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync(Action<ReadOnlyMemory<byte>, IPEndPoint> onMessage)
    {
        var limits = SipLimits.Default;
        var buffer = new byte[limits.MaxMessageBytes + 4096];
        var filled = 0;
        while (!_stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            if (n == 0)
            {
                return;
            }
            filled += n;
            var consumed = 0;
            while (true)
            {
                var result = SipStreamFramer.TryFrame(buffer.AsSpan(consumed, filled - consumed), limits, out var start, out var length);
                if (result == SipStreamFramer.Result.Invalid)
                {
                    _logger.LogInformation("Closing TCP connection from {Remote}: unframeable stream", Remote);
                    return;
                }
                if (result == SipStreamFramer.Result.Incomplete)
                {
                    // Keep-alive CRLFs before an incomplete message are dropped so the buffer cannot fill with them.
                    consumed += start;
                    break;
                }
                try
                {
                    onMessage(buffer.AsMemory(consumed + start, length), Remote);
                }
#pragma warning disable CA1031 // a faulty handler must never kill the connection loop
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _logger.LogError(e, "SIP message handler failed");
                }
                consumed += start + length;
            }
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_loop is not null && !_loop.IsCompleted)
        {
            await _loop.ConfigureAwait(false);
        }
        _stop.Dispose();
        _writeLock.Dispose();
    }
}

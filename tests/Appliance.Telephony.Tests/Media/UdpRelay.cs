using System.Net;
using System.Net.Sockets;

namespace Appliance.Telephony.Tests.Media;

/// <summary>
/// A test "network" between two RTP peers on 127.0.0.1: it forwards datagrams from A to B and from B
/// to A, and lets a test drop or reorder A's packets by their index (0, 1, 2, ... as they arrive).
/// </summary>
internal sealed class UdpRelay : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<int, RelayAction> _policy;
    private readonly Task _loop;
    private byte[]? _held;
    private int _fromA;
    private int _forwardedToB;
    private int _forwardedToA;

    public UdpRelay(IPEndPoint a, IPEndPoint b, Func<int, RelayAction> policy)
    {
        A = a;
        B = b;
        _policy = policy;
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _loop = Task.Run(RunAsync);
    }

    public enum RelayAction { Forward, Drop, HoldUntilNext }

    public IPEndPoint A { get; }

    public IPEndPoint B { get; }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public int PacketsFromA => Volatile.Read(ref _fromA);

    public int ForwardedToB => Volatile.Read(ref _forwardedToB);

    public int ForwardedToA => Volatile.Read(ref _forwardedToA);

    /// <summary>Anything not from A goes to A; A's packets go to B as the policy says.</summary>
    private async Task RunAsync()
    {
        byte[] buffer = new byte[2048];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var source = (IPEndPoint)received.RemoteEndPoint;
            byte[] datagram = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
            if (!source.Equals(A))
            {
                await _socket.SendToAsync(datagram, A);
                Interlocked.Increment(ref _forwardedToA);
                continue;
            }

            switch (_policy(_fromA))
            {
                case RelayAction.Forward:
                    await ForwardToB(datagram);
                    if (_held is not null)
                    {
                        await ForwardToB(_held);
                        _held = null;
                    }

                    break;
                case RelayAction.HoldUntilNext:
                    _held = datagram;
                    break;
            }

            Interlocked.Increment(ref _fromA);
        }
    }

    private async Task ForwardToB(byte[] datagram)
    {
        await _socket.SendToAsync(datagram, B);
        Interlocked.Increment(ref _forwardedToB);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}

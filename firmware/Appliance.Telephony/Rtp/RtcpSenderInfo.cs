using System.Buffers.Binary;

namespace Appliance.Telephony.Rtp;

/// <summary>The sender information of an RFC 3550 §6.4.1 sender report (20 bytes).</summary>
public readonly record struct RtcpSenderInfo(ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    public const int Size = 20;

    /// <summary>The middle 32 bits of the NTP timestamp: what a receiver echoes as LSR.</summary>
    public uint CompactNtp => (uint)(NtpTimestamp >> 16);

    public static RtcpSenderInfo Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt64BigEndian(source),
        BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
        BinaryPrimitives.ReadUInt32BigEndian(source[12..]),
        BinaryPrimitives.ReadUInt32BigEndian(source[16..]));

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], OctetCount);
    }

    /// <summary>An NTP (1900 epoch, 32.32 fixed point) timestamp for a wall-clock time.</summary>
    public static ulong ToNtp(DateTimeOffset time)
    {
        const long UnixToNtpSeconds = 2_208_988_800;
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        ulong seconds = (ulong)((ticks / TimeSpan.TicksPerSecond) + UnixToNtpSeconds);
        ulong fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }
}

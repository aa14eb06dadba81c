using System.Buffers.Binary;

namespace Appliance.Telephony.Rtp;

/// <summary>One RFC 3550 §6.4.1 reception report block (24 bytes).</summary>
public readonly record struct RtcpReportBlock(
    uint Ssrc, byte FractionLost, int CumulativeLost, uint ExtendedHighestSequence, uint Jitter, uint LastSenderReport, uint DelaySinceLastSenderReport)
{
    public const int Size = 24;

    public static RtcpReportBlock Read(ReadOnlySpan<byte> source)
    {
        // Cumulative loss is a signed 24-bit number (duplicates can make it negative).
        int lost = (source[5] << 16) | (source[6] << 8) | source[7];
        if ((lost & 0x800000) != 0)
        {
            lost |= unchecked((int)0xFF000000);
        }

        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(source),
            source[4],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[20..]));
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        destination[4] = FractionLost;
        int lost = Math.Clamp(CumulativeLost, -0x800000, 0x7FFFFF);
        destination[5] = (byte)(lost >> 16);
        destination[6] = (byte)(lost >> 8);
        destination[7] = (byte)lost;
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
    }
}

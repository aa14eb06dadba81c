using System.Buffers.Binary;

namespace Appliance.Telephony.Rtp;

/// <summary>
/// The RFC 3550 §5.1 fixed header. Parsing validates version, CSRC list, header extension and padding
/// against the datagram length and hands back the payload as a slice: no copy, no allocation.
/// </summary>
public readonly record struct RtpHeader(bool Marker, byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc)
{
    public const int FixedSize = 12;

    /// <summary>Number of CSRC identifiers the parsed packet carried (we never send any).</summary>
    public int CsrcCount { get; init; }

    /// <summary>True if the parsed packet carried a header extension (skipped, RFC 3550 §5.3.1).</summary>
    public bool HasExtension { get; init; }

    /// <summary>True if the parsed packet carried padding (removed from the payload).</summary>
    public bool HasPadding { get; init; }

    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpHeader header, out ReadOnlySpan<byte> payload)
    {
        header = default;
        payload = default;
        if (packet.Length < FixedSize || (packet[0] >> 6) != 2)
        {
            return false;
        }

        bool padding = (packet[0] & 0x20) != 0;
        bool extension = (packet[0] & 0x10) != 0;
        int csrcCount = packet[0] & 0x0F;
        int offset = FixedSize + (4 * csrcCount);
        if (extension)
        {
            if (packet.Length < offset + 4)
            {
                return false;
            }

            offset += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]));
        }

        int end = packet.Length;
        if (padding)
        {
            int padCount = packet[^1];
            if (padCount == 0)
            {
                return false;
            }

            end -= padCount;
        }

        if (offset > end)
        {
            return false;
        }

        header = new RtpHeader(
            (packet[1] & 0x80) != 0,
            (byte)(packet[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[8..]))
        {
            CsrcCount = csrcCount,
            HasExtension = extension,
            HasPadding = padding,
        };
        payload = packet[offset..end];
        return true;
    }

    /// <summary>Writes the 12-byte fixed header (no CSRC, extension or padding); returns its size.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (destination.Length < FixedSize)
        {
            throw new ArgumentException("destination shorter than an RTP header", nameof(destination));
        }

        destination[0] = 0x80;
        destination[1] = (byte)((Marker ? 0x80 : 0) | (PayloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        return FixedSize;
    }
}

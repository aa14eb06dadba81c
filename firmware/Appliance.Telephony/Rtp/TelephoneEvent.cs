using System.Buffers.Binary;

namespace Appliance.Telephony.Rtp;

/// <summary>The 4-byte RFC 4733 §2.3 payload of a telephone-event RTP packet.</summary>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    public const int Size = 4;

    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent value)
    {
        // Several events may be stacked in one packet (RFC 4733 §2.5.1.5 redundancy); the first is current.
        if (payload.Length < Size)
        {
            value = default;
            return false;
        }

        value = new TelephoneEvent(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    public int WriteTo(Span<byte> destination)
    {
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return Size;
    }

    /// <summary>RFC 4733 §3.2 event codes: 0-9, * = 10, # = 11, A-D = 12-15.</summary>
    public static bool TryGetEventCode(char digit, out byte code)
    {
        code = digit switch
        {
            >= '0' and <= '9' => (byte)(digit - '0'),
            '*' => 10,
            '#' => 11,
            >= 'A' and <= 'D' => (byte)(digit - 'A' + 12),
            >= 'a' and <= 'd' => (byte)(digit - 'a' + 12),
            _ => byte.MaxValue,
        };
        return code != byte.MaxValue;
    }

    public static bool TryGetDigit(byte code, out char digit)
    {
        digit = code switch
        {
            <= 9 => (char)('0' + code),
            10 => '*',
            11 => '#',
            <= 15 => (char)('A' + code - 12),
            _ => '\0',
        };
        return digit != '\0';
    }
}

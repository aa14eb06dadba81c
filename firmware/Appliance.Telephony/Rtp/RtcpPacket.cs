using System.Buffers.Binary;

namespace Appliance.Telephony.Rtp;

/// <summary>
/// RFC 3550 §6 compound RTCP: we write SR (when we sent media since the last report) or RR, each followed
/// by the mandatory SDES CNAME; we read SR/RR/BYE from any compound packet without allocating.
/// </summary>
public static class RtcpPacket
{
    public const byte SenderReportType = 200;
    public const byte ReceiverReportType = 201;
    public const byte SourceDescriptionType = 202;
    public const byte ByeType = 203;
    public const int MaxCnameLength = 255;

    /// <summary>Writes SR (if <paramref name="sender"/> is set) or RR with at most one block, then SDES CNAME.</summary>
    public static int WriteReport(Span<byte> destination, uint ssrc, in RtcpSenderInfo? sender, in RtcpReportBlock? block, ReadOnlySpan<byte> cname)
    {
        if (cname.Length > MaxCnameLength)
        {
            throw new ArgumentException("CNAME longer than 255 bytes", nameof(cname));
        }

        int blockCount = block.HasValue ? 1 : 0;
        int reportLength = 8 + (sender.HasValue ? RtcpSenderInfo.Size : 0) + (blockCount * RtcpReportBlock.Size);
        int sdesLength = 4 + Align4(4 + 2 + cname.Length + 1);
        if (destination.Length < reportLength + sdesLength)
        {
            throw new ArgumentException("destination too small for the RTCP report", nameof(destination));
        }

        WriteHeader(destination, blockCount, sender.HasValue ? SenderReportType : ReceiverReportType, reportLength);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        int offset = 8;
        if (sender is { } info)
        {
            info.WriteTo(destination[offset..]);
            offset += RtcpSenderInfo.Size;
        }

        if (block is { } b)
        {
            b.WriteTo(destination[offset..]);
            offset += RtcpReportBlock.Size;
        }

        Span<byte> sdes = destination.Slice(offset, sdesLength);
        sdes.Clear(); // the item list ends with a zero byte and zero padding
        WriteHeader(sdes, 1, SourceDescriptionType, sdesLength);
        BinaryPrimitives.WriteUInt32BigEndian(sdes[4..], ssrc);
        sdes[8] = 1; // CNAME
        sdes[9] = (byte)cname.Length;
        cname.CopyTo(sdes[10..]);
        return offset + sdesLength;
    }

    /// <summary>
    /// Reads a compound packet: the sender's SSRC, its sender info if an SR, the report block about
    /// <paramref name="localSsrc"/> if any, and whether it says BYE. False if the packet is malformed.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, uint localSsrc, out RtcpReport report)
    {
        report = default;
        bool sawReport = false;
        while (!packet.IsEmpty)
        {
            if (packet.Length < 4 || (packet[0] >> 6) != 2)
            {
                return false;
            }

            int length = (BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) + 1) * 4;
            if (length > packet.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> body = packet[..length];
            int count = packet[0] & 0x1F;
            switch (packet[1])
            {
                case SenderReportType or ReceiverReportType:
                    bool isSr = packet[1] == SenderReportType;
                    int blocksAt = 8 + (isSr ? RtcpSenderInfo.Size : 0);
                    if (body.Length < blocksAt + (count * RtcpReportBlock.Size))
                    {
                        return false;
                    }

                    report = report with { Ssrc = BinaryPrimitives.ReadUInt32BigEndian(body[4..]) };
                    if (isSr)
                    {
                        report = report with { Sender = RtcpSenderInfo.Read(body[8..]) };
                    }

                    for (int i = 0; i < count; i++)
                    {
                        RtcpReportBlock block = RtcpReportBlock.Read(body[(blocksAt + (i * RtcpReportBlock.Size))..]);
                        if (block.Ssrc == localSsrc)
                        {
                            report = report with { AboutUs = block };
                        }
                    }

                    sawReport = true;
                    break;
                case ByeType:
                    report = report with { IsBye = true };
                    break;
            }

            packet = packet[length..];
        }

        return sawReport || report.IsBye;
    }

    private static void WriteHeader(Span<byte> destination, int count, byte type, int totalLength)
    {
        destination[0] = (byte)(0x80 | count);
        destination[1] = type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((totalLength / 4) - 1));
    }

    private static int Align4(int length) => (length + 3) & ~3;
}

using System.Buffers.Binary;

namespace Appliance.Telephony.Tests.Media;

/// <summary>
/// Reads UDP payloads from a classic libpcap file (not pcapng): Ethernet (optionally one VLAN tag),
/// IPv4, UDP. Enough for sipp's bundled captures; anything else in the file is skipped.
/// </summary>
internal static class PcapFile
{
    public readonly record struct UdpDatagram(TimeSpan Time, int SourcePort, int DestinationPort, byte[] Payload);

    public static List<UdpDatagram> ReadUdp(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        bool littleEndian = magic is 0xA1B2C3D4 or 0xA1B23C4D;
        bool nanoseconds = magic is 0xA1B23C4D or 0x4D3CB2A1;
        if (!littleEndian && magic is not (0xD4C3B2A1 or 0x4D3CB2A1))
        {
            throw new InvalidDataException($"not a classic pcap file: magic {magic:x8}");
        }

        uint Read32(int offset) => littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset)) : BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset));
        if (Read32(20) != 1)
        {
            throw new InvalidDataException("only Ethernet captures are supported");
        }

        var datagrams = new List<UdpDatagram>();
        TimeSpan? first = null;
        for (int offset = 24; offset + 16 <= file.Length;)
        {
            var time = TimeSpan.FromSeconds(Read32(offset)) + TimeSpan.FromTicks(nanoseconds ? Read32(offset + 4) / 100 : Read32(offset + 4) * 10L);
            int captured = (int)Read32(offset + 8);
            offset += 16;
            if (captured < 0 || offset + captured > file.Length)
            {
                break;
            }

            first ??= time;
            if (TryUdp(file.AsSpan(offset, captured), out int sourcePort, out int destinationPort, out ReadOnlySpan<byte> payload))
            {
                datagrams.Add(new UdpDatagram(time - first.Value, sourcePort, destinationPort, payload.ToArray()));
            }

            offset += captured;
        }

        return datagrams;
    }

    private static bool TryUdp(ReadOnlySpan<byte> frame, out int sourcePort, out int destinationPort, out ReadOnlySpan<byte> payload)
    {
        sourcePort = destinationPort = 0;
        payload = default;
        int ip = 14;
        if (frame.Length < ip)
        {
            return false;
        }

        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        if (etherType == 0x8100 && frame.Length >= 18)
        {
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[16..]);
            ip = 18;
        }

        if (etherType != 0x0800 || frame.Length < ip + 20 || (frame[ip] >> 4) != 4 || frame[ip + 9] != 17)
        {
            return false;
        }

        int udp = ip + ((frame[ip] & 0x0F) * 4);
        if (frame.Length < udp + 8)
        {
            return false;
        }

        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(frame[(udp + 4)..]);
        if (udpLength < 8 || udp + udpLength > frame.Length)
        {
            return false;
        }

        sourcePort = BinaryPrimitives.ReadUInt16BigEndian(frame[udp..]);
        destinationPort = BinaryPrimitives.ReadUInt16BigEndian(frame[(udp + 2)..]);
        payload = frame.Slice(udp + 8, udpLength - 8);
        return true;
    }
}

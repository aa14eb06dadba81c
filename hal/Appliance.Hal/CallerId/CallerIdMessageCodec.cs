using System.Text;

namespace Appliance.Hal.CallerId;

/// <summary>
/// Caller-ID message layer shared by Bell 202 and V.23: SDMF (type 0x04) and MDMF (type 0x80)
/// framing with a two's-complement checksum (all bytes including it sum to zero).
/// </summary>
public static class CallerIdMessageCodec
{
    public const byte SdmfType = 0x04;
    public const byte MdmfType = 0x80;
    private const byte ParamDateTime = 0x01;
    private const byte ParamNumber = 0x02;
    private const byte ParamNumberAbsence = 0x04;
    private const byte ParamName = 0x07;
    private const byte ParamNameAbsence = 0x08;

    /// <summary>Builds the bytes of one message (type, length, payload, checksum).</summary>
    public static byte[] Encode(CallerIdInfo info, bool multipleData)
    {
        ArgumentNullException.ThrowIfNull(info);
        var payload = new List<byte>();
        string dateTime = info.DateTime ?? "01010000";
        if (multipleData)
        {
            AddParam(payload, ParamDateTime, dateTime);
            if (info.Number is not null)
            {
                AddParam(payload, ParamNumber, info.Number);
            }
            else if (info.NumberAbsence != CallerIdAbsence.None)
            {
                AddParam(payload, ParamNumberAbsence, AbsenceCode(info.NumberAbsence));
            }

            if (info.Name is not null)
            {
                AddParam(payload, ParamName, info.Name);
            }
            else if (info.NameAbsence != CallerIdAbsence.None)
            {
                AddParam(payload, ParamNameAbsence, AbsenceCode(info.NameAbsence));
            }
        }
        else
        {
            payload.AddRange(Encoding.ASCII.GetBytes(dateTime));
            payload.AddRange(Encoding.ASCII.GetBytes(info.Number ?? AbsenceCode(info.NumberAbsence)));
        }

        if (payload.Count > 255)
        {
            throw new ArgumentException("caller-ID message longer than 255 bytes", nameof(info));
        }

        var message = new byte[payload.Count + 3];
        message[0] = multipleData ? MdmfType : SdmfType;
        message[1] = (byte)payload.Count;
        payload.CopyTo(message, 2);
        byte sum = 0;
        for (int i = 0; i < message.Length - 1; i++)
        {
            sum += message[i];
        }

        message[^1] = (byte)-sum;
        return message;
    }

    /// <summary>
    /// Finds the first complete, checksum-valid message in <paramref name="bytes"/>.
    /// Anything malformed (bad length, checksum, parameter overrun) is skipped, never thrown.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out CallerIdInfo? info)
    {
        info = null;
        for (int start = 0; start + 3 <= bytes.Length; start++)
        {
            byte type = bytes[start];
            if (type != SdmfType && type != MdmfType)
            {
                continue;
            }

            int length = bytes[start + 1];
            if (start + length + 3 > bytes.Length)
            {
                continue;
            }

            var message = bytes.Slice(start, length + 3);
            byte sum = 0;
            foreach (byte b in message)
            {
                sum += b;
            }

            if (sum != 0)
            {
                continue;
            }

            var payload = message.Slice(2, length);
            info = type == SdmfType ? DecodeSingle(payload) : DecodeMultiple(payload);
            if (info is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static CallerIdInfo? DecodeSingle(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 9 || !IsPrintable(payload))
        {
            return null;
        }

        string dateTime = Encoding.ASCII.GetString(payload[..8]);
        string rest = Encoding.ASCII.GetString(payload[8..]);
        var absence = Absence(rest);
        return absence == CallerIdAbsence.None
            ? new CallerIdInfo(rest, DateTime: dateTime)
            : new CallerIdInfo(null, DateTime: dateTime, NumberAbsence: absence);
    }

    private static CallerIdInfo? DecodeMultiple(ReadOnlySpan<byte> payload)
    {
        var info = new CallerIdInfo(null);
        int i = 0;
        while (i < payload.Length)
        {
            if (i + 2 > payload.Length)
            {
                return null;
            }

            byte kind = payload[i];
            int length = payload[i + 1];
            if (i + 2 + length > payload.Length)
            {
                return null;
            }

            var value = payload.Slice(i + 2, length);
            if (!IsPrintable(value))
            {
                return null;
            }

            string text = Encoding.ASCII.GetString(value);
            info = kind switch
            {
                ParamDateTime => info with { DateTime = text },
                ParamNumber => info with { Number = text },
                ParamNumberAbsence => info with { NumberAbsence = Absence(text) },
                ParamName => info with { Name = text },
                ParamNameAbsence => info with { NameAbsence = Absence(text) },
                _ => info, // unknown parameters are allowed and skipped
            };
            i += 2 + length;
        }

        return info;
    }

    private static bool IsPrintable(ReadOnlySpan<byte> text)
    {
        foreach (byte b in text)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    private static CallerIdAbsence Absence(string code) => code switch
    {
        "O" => CallerIdAbsence.Unavailable,
        "P" => CallerIdAbsence.Private,
        _ => CallerIdAbsence.None,
    };

    private static string AbsenceCode(CallerIdAbsence absence) => absence == CallerIdAbsence.Private ? "P" : "O";

    private static void AddParam(List<byte> payload, byte kind, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        if (bytes.Length > 255)
        {
            throw new ArgumentException("caller-ID parameter longer than 255 bytes", nameof(value));
        }

        payload.Add(kind);
        payload.Add((byte)bytes.Length);
        payload.AddRange(bytes);
    }
}

namespace Appliance.Audio.Tests.PartA;

/// <summary>
/// The ITU-T G.191 reference g711.c routines, transcribed loop for loop (segment search by shifting),
/// so the table-driven production codec is checked against an independent formulation.
/// </summary>
internal static class G711Reference
{
    public static byte ULawCompress(short x)
    {
        int absno = x < 0 ? (~x >> 2) + 33 : (x >> 2) + 33;
        if (absno > 0x1FFF)
        {
            absno = 0x1FFF;
        }
        int i = absno >> 6;
        int segno = 1;
        while (i != 0)
        {
            segno++;
            i >>= 1;
        }
        int highNibble = 0x0008 - segno;
        int lowNibble = 0x000F - ((absno >> segno) & 0x000F);
        int log = (highNibble << 4) | lowNibble;
        if (x >= 0)
        {
            log |= 0x0080;
        }
        return (byte)log;
    }

    public static byte ALawCompress(short x)
    {
        int ix = x < 0 ? ~x >> 4 : x >> 4;
        if (ix > 15)
        {
            int iexp = 1;
            while (ix > 16 + 15)
            {
                ix >>= 1;
                iexp++;
            }
            ix -= 16;
            ix += iexp << 4;
        }
        if (x >= 0)
        {
            ix |= 0x0080;
        }
        return (byte)(ix ^ 0x0055);
    }
}

namespace Appliance.Audio.Dtmf;

/// <summary>The DTMF keypad (ITU-T Q.23): four low-group rows by four high-group columns.</summary>
public static class DtmfTones
{
    /// <summary>Low-group frequencies in Hz (rows).</summary>
    public static ReadOnlySpan<double> Low => [697, 770, 852, 941];

    /// <summary>High-group frequencies in Hz (columns).</summary>
    public static ReadOnlySpan<double> High => [1209, 1336, 1477, 1633];

    private const string Keys = "123A456B789C*0#D";

    /// <summary>The key at <paramref name="row"/>, <paramref name="column"/>.</summary>
    public static char Key(int row, int column) => Keys[row * 4 + column];

    /// <summary>Row and column of <paramref name="key"/>; false for anything not on the keypad.</summary>
    public static bool TryFind(char key, out int row, out int column)
    {
        int index = Keys.IndexOf(char.ToUpperInvariant(key), StringComparison.Ordinal);
        row = index / 4;
        column = index % 4;
        return index >= 0;
    }
}

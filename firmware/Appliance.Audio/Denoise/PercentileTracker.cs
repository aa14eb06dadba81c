namespace Appliance.Audio.Denoise;

/// <summary>
/// Tracks a percentile of a stream of levels (dB) with fixed up and down steps: at equilibrium the
/// level is above the estimate a fraction down/(up+down) of the time, so steps 0.1/0.4 settle at the
/// 20th percentile and 0.48/0.02 at the 96th. Starts at the first value.
/// </summary>
internal struct PercentileTracker(float stepUpDb, float stepDownDb)
{
    private bool _started;

    public float ValueDb { get; private set; }

    public void Update(float levelDb)
    {
        if (!_started)
        {
            ValueDb = levelDb;
            _started = true;
        }
        ValueDb += levelDb > ValueDb ? stepUpDb : -stepDownDb;
    }

    public void Reset() => _started = false;
}

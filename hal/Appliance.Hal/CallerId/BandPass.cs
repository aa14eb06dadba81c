namespace Appliance.Hal.CallerId;

/// <summary>Second-order band-pass (RBJ cookbook, 0 dB peak) that keeps line noise outside the FSK band out of the correlators.</summary>
internal struct BandPass
{
    private readonly double _b0, _b2, _a1, _a2;
    private double _x1, _x2, _y1, _y2;

    public BandPass(double centreHz, double q, int sampleRate)
    {
        double w = 2 * Math.PI * centreHz / sampleRate;
        double alpha = Math.Sin(w) / (2 * q);
        double a0 = 1 + alpha;
        _b0 = alpha / a0;
        _b2 = -alpha / a0;
        _a1 = -2 * Math.Cos(w) / a0;
        _a2 = (1 - alpha) / a0;
        _x1 = _x2 = _y1 = _y2 = 0;
    }

    public double Filter(double x)
    {
        double y = (_b0 * x) + (_b2 * _x2) - (_a1 * _y1) - (_a2 * _y2);
        _x2 = _x1;
        _x1 = x;
        _y2 = _y1;
        _y1 = y;
        return y;
    }

    public void Clear() => _x1 = _x2 = _y1 = _y2 = 0;
}

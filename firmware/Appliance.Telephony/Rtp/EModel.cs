namespace Appliance.Telephony.Rtp;

/// <summary>
/// ITU-T G.107 E-model, simplified the usual way for a G.711 call: R = 93.2 - Id - Ie,eff with the
/// default values for everything else. Ie = 0 for G.711; Bpl = 4.3 is G.113's figure for G.711 without
/// G.711 Appendix I concealment, chosen because our repeat-and-fade concealment is simpler than that.
/// </summary>
public static class EModel
{
    public const double R0 = 93.2;
    public const double G711Ie = 0;
    public const double G711Bpl = 4.3;

    /// <param name="packetLossPercent">Random packet loss, 0-100.</param>
    /// <param name="oneWayDelayMs">Mouth-to-ear delay; absolute delay Ta = T when echo is controlled.</param>
    public static double RFactor(double packetLossPercent, double oneWayDelayMs)
    {
        double ppl = Math.Clamp(packetLossPercent, 0, 100);
        double d = Math.Max(0, oneWayDelayMs);
        double id = (0.024 * d) + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
        double ieEff = G711Ie + ((95 - G711Ie) * ppl / (ppl + G711Bpl));
        return R0 - id - ieEff;
    }

    /// <summary>G.107 Annex B mapping from R to the conversational MOS (1 to 4.5).</summary>
    public static double Mos(double r)
    {
        if (r <= 0)
        {
            return 1;
        }

        if (r >= 100)
        {
            return 4.5;
        }

        return 1 + (0.035 * r) + (r * (r - 60) * (100 - r) * 7e-6);
    }
}

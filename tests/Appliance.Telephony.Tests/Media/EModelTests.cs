using Appliance.Telephony.Rtp;

namespace Appliance.Telephony.Tests.Media;

public class EModelTests
{
    [Theory]
    [InlineData(0, 0, 93.2)]           // G.711 default: R0 with nothing impaired
    [InlineData(0, 100, 90.8)]         // Id = 0.024 d below 177.3 ms
    [InlineData(0, 277.3, 75.5448)]    // plus 0.11 (d - 177.3) above it
    [InlineData(4.3, 0, 45.7)]         // Ppl = Bpl halves (95 - Ie): Ie,eff = 47.5
    public void R_factor_follows_g107(double loss, double delay, double expected) =>
        Assert.Equal(expected, EModel.RFactor(loss, delay), 3);

    [Theory]
    [InlineData(93.2, 4.41)]
    [InlineData(50, 2.58)]
    [InlineData(0, 1)]
    [InlineData(120, 4.5)]
    public void Mos_mapping_follows_g107_annex_b(double r, double expected) =>
        Assert.Equal(expected, EModel.Mos(r), 2);
}

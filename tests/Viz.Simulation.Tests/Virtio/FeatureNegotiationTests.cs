using Viz.Simulation.Memory;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Tests.Virtio;

/// <summary>Negotiation follows drivers/virtio/virtio_balloon.c virtballoon_validate.</summary>
public sealed class FeatureNegotiationTests
{
    private const BalloonFeatures All = BalloonFeatureSet.LinuxDriver;

    [Fact]
    public void Feature_bits_have_the_numbers_of_the_virtio_spec()
    {
        Assert.Equal(1u << 0, (uint)BalloonFeatures.MustTellHost);
        Assert.Equal(1u << 1, (uint)BalloonFeatures.StatsVq);
        Assert.Equal(1u << 2, (uint)BalloonFeatures.DeflateOnOom);
        Assert.Equal(1u << 3, (uint)BalloonFeatures.FreePageHint);
        Assert.Equal(1u << 4, (uint)BalloonFeatures.PagePoison);
        Assert.Equal(1u << 5, (uint)BalloonFeatures.Reporting);
    }

    [Fact]
    public void Negotiated_features_are_the_offer_intersected_with_the_driver_table()
    {
        NegotiationResult result = FeatureNegotiation.Negotiate(
            BalloonFeatures.StatsVq | BalloonFeatures.Reporting | BalloonFeatures.FreePageHint,
            BalloonFeatures.StatsVq | BalloonFeatures.Reporting,
            PoisonMode.Off);

        Assert.Equal(BalloonFeatures.StatsVq | BalloonFeatures.Reporting, result.Negotiated);
    }

    [Fact]
    public void Validate_clears_PAGE_POISON_when_the_guest_neither_poisons_nor_initialises_free_pages()
    {
        NegotiationResult result = FeatureNegotiation.Negotiate(All, All, PoisonMode.Off);

        Assert.False(result.Negotiated.HasFlag(BalloonFeatures.PagePoison));
        Assert.True(result.Negotiated.HasFlag(BalloonFeatures.Reporting));
    }

    [Theory]
    [InlineData(PoisonMode.PagePoison)]
    [InlineData(PoisonMode.InitOnFree)]
    public void Validate_clears_REPORTING_for_a_poisoning_guest_when_the_device_lacks_PAGE_POISON(PoisonMode poison)
    {
        NegotiationResult result = FeatureNegotiation.Negotiate(All & ~BalloonFeatures.PagePoison, All, poison);

        Assert.False(result.Negotiated.HasFlag(BalloonFeatures.Reporting));
        Assert.Single(result.Notes);
    }

    [Theory]
    [InlineData(PoisonMode.PagePoison)]
    [InlineData(PoisonMode.InitOnFree)]
    public void Validate_keeps_REPORTING_and_PAGE_POISON_for_a_poisoning_guest_when_the_device_offers_both(PoisonMode poison)
    {
        NegotiationResult result = FeatureNegotiation.Negotiate(All, All, poison);

        Assert.Equal(All, result.Negotiated);
    }

    [Fact]
    public void Qemu_defaults_offer_STATS_VQ_and_PAGE_POISON_only()
    {
        Assert.Equal(BalloonFeatures.StatsVq | BalloonFeatures.PagePoison, DeviceProperties.QemuDefault.Offered());
    }
}

using Viz.Simulation.Memory;

namespace Viz.Simulation.Virtio;

/// <summary>The outcome of feature negotiation.</summary>
/// <param name="Offered">What the device offered.</param>
/// <param name="DriverSupported">What the driver's feature table lists.</param>
/// <param name="Negotiated">What both use from now on.</param>
/// <param name="Notes">Why features the device offered were dropped, one line each.</param>
public sealed record NegotiationResult(BalloonFeatures Offered, BalloonFeatures DriverSupported, BalloonFeatures Negotiated, IReadOnlyList<string> Notes);

/// <summary>
/// Feature negotiation between the device's offer and the Linux driver: the intersection, then the driver's
/// <c>virtballoon_validate</c> (drivers/virtio/virtio_balloon.c, checked against torvalds/linux), which runs before
/// the features are finalised. (It also clears VIRTIO_F_ACCESS_PLATFORM, a transport bit not modelled here.)
/// </summary>
public static class FeatureNegotiation
{
    /// <summary>Negotiates for a guest that poisons or initialises its free pages as <paramref name="poison"/> says.</summary>
    public static NegotiationResult Negotiate(BalloonFeatures offered, BalloonFeatures driverSupported, PoisonMode poison)
    {
        BalloonFeatures features = offered & driverSupported;
        List<string> notes = [];
        if (poison == PoisonMode.Off)
        {
            // virtballoon_validate: neither want_init_on_free() nor page_poisoning_enabled_static() → clear PAGE_POISON.
            if (features.HasFlag(BalloonFeatures.PagePoison))
            {
                notes.Add("PAGE_POISON cleared: the guest neither poisons nor initialises free pages");
            }

            features &= ~BalloonFeatures.PagePoison;
        }
        else if (!features.HasFlag(BalloonFeatures.PagePoison) && features.HasFlag(BalloonFeatures.Reporting))
        {
            // virtballoon_validate: the guest relies on free page contents but cannot tell the host → clear REPORTING,
            // "as it could potentially change the contents of our free pages".
            notes.Add("REPORTING cleared: the guest relies on its free pages' contents and the device lacks PAGE_POISON");
            features &= ~BalloonFeatures.Reporting;
        }

        return new NegotiationResult(offered, driverSupported, features, notes);
    }
}

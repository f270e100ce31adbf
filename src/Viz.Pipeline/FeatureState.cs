using Viz.Simulation.Memory;

namespace Viz.Pipeline;

/// <summary>
/// The guest's and device's feature settings as the simulation has them now. Only what the core models is here;
/// the virtio-balloon device's features join when the core has a device.
/// </summary>
/// <param name="Poison">What the guest writes into freed pages.</param>
/// <param name="InitOnAllocRequested">Whether init_on_alloc=1 was asked for.</param>
/// <param name="InitOnAllocActive">Whether allocations zero pages (init_on_alloc yields to poisoning).</param>
public sealed record FeatureState(PoisonMode Poison, bool InitOnAllocRequested, bool InitOnAllocActive);

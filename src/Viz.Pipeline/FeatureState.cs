using Viz.Simulation.Guest;
using Viz.Simulation.Memory;
using Viz.Simulation.Snapshots;
using Viz.Simulation.Virtio;
using Viz.Simulation.Workloads;

namespace Viz.Pipeline;

/// <summary>The guest's and the balloon device's feature settings as the simulation has them now.</summary>
/// <param name="Poison">What the guest writes into freed pages.</param>
/// <param name="InitOnAllocRequested">Whether init_on_alloc=1 was asked for.</param>
/// <param name="InitOnAllocActive">Whether allocations zero pages (init_on_alloc yields to poisoning).</param>
/// <param name="Device">The device's properties (what it offers).</param>
/// <param name="Negotiated">The features the driver and device negotiated.</param>
/// <param name="Balloon">The device, its negotiation and the host's figures.</param>
/// <param name="Workload">The workload the guest runs.</param>
public sealed record FeatureState(PoisonMode Poison, bool InitOnAllocRequested, bool InitOnAllocActive, DeviceProperties Device, BalloonFeatures Negotiated, BalloonCounts Balloon, WorkloadSpec Workload, FreePageHintDesign HintDesign = FreePageHintDesign.Upstream);

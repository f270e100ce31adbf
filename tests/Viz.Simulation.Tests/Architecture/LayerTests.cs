using Viz.Simulation.Machine;
using Viz.Tests.Shared;

namespace Viz.Simulation.Tests.Architecture;

/// <summary>
/// The simulation's layers, bottom to top: each may use the layers below it and none above, so a new upward reference
/// fails here.
/// </summary>
public sealed class LayerTests
{
    /// <summary>The layers in order, bottom first; docs/architecture.md shows the same list.</summary>
    public static readonly string[] Layers =
    [
        "Units", "Core", "Memory", "Guest", "Workloads", "Virtio", "Driver", "Host", "Migration", "Snapshots", "Machine", "Scenarios",
    ];

    private static readonly LayerRules Rules = new(typeof(GuestMachine).Assembly, "Viz.Simulation", Layers);

    public static TheoryData<string> LayerNames => [.. Layers];

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void A_layer_uses_no_layer_above_it(string layer) =>
        Assert.True(Rules.UpwardReferences(layer).Count == 0, $"{layer} uses a layer above it: {string.Join(", ", Rules.UpwardReferences(layer))}");

    [Fact]
    public void Every_namespace_of_the_simulation_is_a_layer() => Assert.Empty(Rules.NamespacesOutsideTheLayers());
}

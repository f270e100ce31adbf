using Viz.App.Cli;
using Viz.Tests.Shared;

namespace Viz.App.Tests.Architecture;

/// <summary>
/// The app's layers, bottom to top: each may use the layers below it and none above; the terminal UI never uses the
/// command line. A new upward reference fails here.
/// </summary>
public sealed class LayerTests
{
    /// <summary>The layers in order, bottom first; docs/architecture.md shows the same list.</summary>
    public static readonly string[] Layers =
    [
        "Common", "Reactive", "Tui.Themes", "Tui.Views", "Tui.Grid", "Tui.Log", "Tui.Panels", "Tui", "Cli",
    ];

    private static readonly LayerRules Rules = new(typeof(BalloonvizCli).Assembly, "Viz.App", Layers);

    public static TheoryData<string> LayerNames => [.. Layers];

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void A_layer_uses_no_layer_above_it(string layer) =>
        Assert.True(Rules.UpwardReferences(layer).Count == 0, $"{layer} uses a layer above it: {string.Join(", ", Rules.UpwardReferences(layer))}");

    [Fact]
    public void Every_namespace_of_the_app_is_a_layer() => Assert.Empty(Rules.NamespacesOutsideTheLayers());
}

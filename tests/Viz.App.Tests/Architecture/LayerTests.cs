using NetArchTest.Rules;
using Viz.App.Cli;

namespace Viz.App.Tests.Architecture;

/// <summary>
/// The app's layers, bottom to top: each may use the layers below it and none above; the terminal UI never uses the
/// command line. Counted on the compiled types, so a new upward reference fails here.
/// </summary>
public sealed class LayerTests
{
    /// <summary>The layers in order, bottom first; the README's picture shows the same list.</summary>
    public static readonly string[] Layers =
    [
        "Common", "Reactive", "Tui.Themes", "Tui.Views", "Tui.Grid", "Tui.Log", "Tui.Panels", "Tui", "Cli",
    ];

    public static TheoryData<string> LayerNames => [.. Layers];

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void A_layer_uses_no_layer_above_it(string layer)
    {
        // Every type of the layers above, by full name: a namespace prefix would also match the layers nested under it.
        string[] above = [.. Layers.Skip(Array.IndexOf(Layers, layer) + 1).SelectMany(TypesOf)];
        if (above.Length == 0)
        {
            return;
        }

        NetArchTest.Rules.TestResult result = Types.InAssembly(typeof(BalloonvizCli).Assembly)
            .That().ResideInNamespaceMatching($"^{Namespace(layer).Replace(".", "\\.", StringComparison.Ordinal)}$")
            .ShouldNot().HaveDependencyOnAny(above)
            .GetResult();

        Assert.True(result.IsSuccessful, $"{layer} uses a layer above it: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Every_namespace_of_the_app_is_a_layer()
    {
        string[] namespaces = [.. typeof(BalloonvizCli).Assembly.GetTypes().Select(t => t.Namespace ?? string.Empty).Where(n => n.StartsWith("Viz.App.", StringComparison.Ordinal)).Distinct()];
        Assert.All(namespaces, n => Assert.Contains(n["Viz.App.".Length..], Layers));
    }

    private static IEnumerable<string> TypesOf(string layer) =>
        typeof(BalloonvizCli).Assembly.GetTypes()
            .Where(t => t.Namespace == Namespace(layer) && !t.IsNested && !t.Name.StartsWith('<'))
            .Select(t => t.FullName!);

    private static string Namespace(string layer) => "Viz.App." + layer;
}

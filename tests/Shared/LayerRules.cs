using System.Reflection;
using NetArchTest.Rules;

namespace Viz.Tests.Shared;

/// <summary>
/// Layers of one assembly, bottom first, as namespaces under one root: each may use the layers below it and none above.
/// Checked on the compiled types (every reference, not only using lines). Compiled into each test project that checks
/// an assembly's layers.
/// </summary>
/// <param name="assembly">The assembly.</param>
/// <param name="root">The namespace the layers sit under ("Viz.Simulation").</param>
/// <param name="layers">The layers' names under the root, bottom first.</param>
internal sealed class LayerRules(Assembly assembly, string root, string[] layers)
{
    /// <summary>The types of layers above <paramref name="layer"/> that its types use.</summary>
    public IReadOnlyList<string> UpwardReferences(string layer)
    {
        // Every type of the layers above, by full name: a namespace prefix would also match the layers nested under it.
        string[] above = [.. layers.Skip(Array.IndexOf(layers, layer) + 1).SelectMany(TypesOf)];
        if (above.Length == 0)
        {
            return [];
        }

        NetArchTest.Rules.TestResult result = Types.InAssembly(assembly)
            .That().ResideInNamespaceMatching($"^{Namespace(layer).Replace(".", "\\.", StringComparison.Ordinal)}$")
            .ShouldNot().HaveDependencyOnAny(above)
            .GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
    }

    /// <summary>Namespaces under the root that are no layer.</summary>
    public IReadOnlyList<string> NamespacesOutsideTheLayers() =>
        [.. assembly.GetTypes().Select(t => t.Namespace ?? string.Empty)
            .Where(n => n.StartsWith(root + ".", StringComparison.Ordinal) && !layers.Contains(n[(root.Length + 1)..]))
            .Distinct()];

    private IEnumerable<string> TypesOf(string layer) =>
        assembly.GetTypes()
            .Where(t => t.Namespace == Namespace(layer) && !t.IsNested && !t.Name.StartsWith('<'))
            .Select(t => t.FullName!);

    private string Namespace(string layer) => root + "." + layer;
}

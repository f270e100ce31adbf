using System.Text.RegularExpressions;

namespace Viz.Simulation.Scenarios;

/// <summary>How a check compares a figure with its value.</summary>
public enum Comparison
{
    /// <summary>Below (&lt;).</summary>
    Below,

    /// <summary>At most (&lt;=).</summary>
    AtMost,

    /// <summary>Above (&gt;).</summary>
    Above,

    /// <summary>At least (&gt;=).</summary>
    AtLeast,

    /// <summary>Equal (==).</summary>
    Equal,
}

/// <summary>
/// A figure compared with a value, written <c>FIGURE OP VALUE</c>: <c>host-rss &lt; 1.5GiB</c>, <c>hinting-ratio &lt; 0.3</c>;
/// side by side, <c>B.FIGURE</c> is the second guest's.
/// </summary>
/// <param name="Figure">The figure.</param>
/// <param name="Comparison">How it is compared.</param>
/// <param name="Value">The value, in the figure's unit (bytes, ms, a number).</param>
/// <param name="Text">As written.</param>
/// <param name="OfSecondGuest">Whether it is the second guest's figure (B.FIGURE).</param>
public sealed partial record ScenarioCheck(ScenarioFigure Figure, Comparison Comparison, double Value, string Text, bool OfSecondGuest = false)
{
    /// <summary>Parses a check; false with a reason when it is none.</summary>
    public static bool TryParse(string text, out ScenarioCheck? check, out string error)
    {
        check = null;
        error = string.Empty;
        Match match = Form().Match(text ?? string.Empty);
        if (!match.Success)
        {
            error = $"{Units.Quoting.Quote(text ?? string.Empty)} is not a check; write FIGURE OP VALUE, e.g. host-rss < 1.5GiB (OP: < <= > >= ==)";
            return false;
        }

        string name = match.Groups["figure"].Value;
        bool second = match.Groups["side"].Success;
        if (ScenarioFigure.Named(name) is not ScenarioFigure figure)
        {
            error = $"no figure {Units.Quoting.Quote(name)}; the figures are {string.Join(", ", ScenarioFigure.All.Select(f => f.Name))}";
            return false;
        }

        if (!figure.TryParseValue(match.Groups["value"].Value, out double value, out string valueError))
        {
            error = $"{name}: {valueError}";
            return false;
        }

        Comparison comparison = match.Groups["op"].Value switch
        {
            "<" => Comparison.Below,
            "<=" => Comparison.AtMost,
            ">" => Comparison.Above,
            ">=" => Comparison.AtLeast,
            _ => Comparison.Equal,
        };
        check = new ScenarioCheck(figure, comparison, value, text!.Trim(), second);
        return true;
    }

    /// <summary>The figure's value in <paramref name="state"/> and whether it passes (a figure with no value yet does not).</summary>
    public (double? Actual, bool Passed) Evaluate(ScenarioState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ScenarioState? of = OfSecondGuest ? state.Other : state;
        double? actual = of is null ? null : Figure.Read(of);
        bool passed = actual is double v && Comparison switch
        {
            Comparison.Below => v < Value,
            Comparison.AtMost => v <= Value,
            Comparison.Above => v > Value,
            Comparison.AtLeast => v >= Value,
            _ => Math.Abs(v - Value) <= 1e-9 * Math.Max(1, Math.Abs(Value)),
        };
        return (actual, passed);
    }

    [GeneratedRegex(@"^\s*(?<side>B\.)?(?<figure>[a-z][a-z-]*)\s*(?<op><=|>=|==|<|>)\s*(?<value>\S+)\s*$")]
    private static partial Regex Form();
}

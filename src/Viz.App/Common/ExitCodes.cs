
namespace Viz.App.Common;

/// <summary>The process exit codes balloonviz uses (sysexits.h style where one fits).</summary>
public static class ExitCodes
{
    /// <summary>A scenario played, and an expectation of it failed or a step never happened.</summary>
    public const int ExpectationFailed = 1;

    /// <summary>Bad input: a flag, a value, a file, or a terminal that cannot run the visualizer.</summary>
    public const int UsageError = 2;

    /// <summary>The simulator itself failed (EX_SOFTWARE).</summary>
    public const int InternalError = 70;
}

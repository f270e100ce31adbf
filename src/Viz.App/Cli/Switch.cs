namespace Viz.App.Cli;

/// <summary>The value of an on|off option.</summary>
public enum Switch
{
    /// <summary>off</summary>
    Off,

    /// <summary>on</summary>
    On,
}

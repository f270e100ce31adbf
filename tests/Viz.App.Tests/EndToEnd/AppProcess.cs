using System.Diagnostics;

namespace Viz.App.Tests.EndToEnd;

/// <summary>Where the built balloonviz is, and how to start it as its own process.</summary>
internal static class AppProcess
{
    /// <summary>The app's assembly, copied next to the tests by the project reference.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "balloonviz.dll");

    /// <summary>The dotnet host running the tests.</summary>
    public static string Dotnet => Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>Runs the app with no terminal (stdin, stdout and stderr redirected) and returns its exit code and output.</summary>
    public static (int ExitCode, string Output, string Error) RunWithoutTerminal(params string[] args)
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The developer's own config file and themes must not change what the tests see.
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "balloonviz-e2e-no-config");
        start.Environment.Remove("BALLOONVIZ_CONFIG");
        start.ArgumentList.Add(Dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("balloonviz did not exit within 60 s without a terminal");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}

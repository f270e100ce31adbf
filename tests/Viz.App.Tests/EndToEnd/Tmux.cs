using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Viz.App.Tests.EndToEnd;

/// <summary>
/// One tmux session on a tmux server of its own (its own socket, in a temporary folder), so the tests never touch
/// anyone else's tmux. Disposing kills that server and everything in it, and removes the folder.
/// </summary>
internal sealed class Tmux : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bvz-tmux-").FullName;

    private string Socket => Path.Combine(_folder, "socket");

    /// <summary>Whether tmux can be run here.</summary>
    public static bool Available { get; } = Probe();

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a detached session of the given size.</summary>
    public void Start(string command, int columns, int rows) =>
        Run("new-session", "-d", "-s", "app", "-x", columns.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-y", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), command);

    /// <summary>Types keys (tmux key names such as q, Space, C-c, Escape).</summary>
    public void Send(params string[] keys) => Run(["send-keys", "-t", "app", .. keys]);

    /// <summary>Resizes the session's window.</summary>
    public void Resize(int columns, int rows) =>
        Run("resize-window", "-t", "app", "-x", columns.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-y", rows.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The pane's text now.</summary>
    public string Capture() => Run("capture-pane", "-t", "app", "-p");

    /// <summary>Waits until the pane shows <paramref name="text"/>; fails with the last screen if it never does.</summary>
    public string WaitFor(string text, int seconds = 40)
    {
        var watch = Stopwatch.StartNew();
        string screen = string.Empty;
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            screen = Capture();
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }

            Thread.Sleep(200);
        }

        Assert.Fail($"the pane never showed '{text}' within {seconds} s; it showed:\n{screen}");
        return screen;
    }

    /// <summary>Kills this test's tmux server.</summary>
    public void Dispose()
    {
        try
        {
            Run("kill-server");
        }
        catch (InvalidOperationException)
        {
            // The server is gone already: the session's command ended.
        }

        Directory.Delete(_folder, recursive: true);
    }

    private string Run(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-S");
        start.ArgumentList.Add(Socket);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed: {error.Trim()}");
        }

        return output;
    }

    private static bool Probe()
    {
        try
        {
            using Process process = Process.Start(new ProcessStartInfo("tmux", "-V") { RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A fact that needs tmux: skipped, saying why, where tmux is not installed.</summary>
internal sealed class TmuxFactAttribute : FactAttribute
{
    public TmuxFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!Tmux.Available)
        {
            Skip = "tmux is not installed (.ci/run installs it with apt-get)";
        }
    }
}

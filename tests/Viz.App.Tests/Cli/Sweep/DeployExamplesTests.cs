using System.Text.RegularExpressions;

namespace Viz.App.Tests.Cli.Sweep;

/// <summary>
/// The Slurm and Kubernetes examples under deploy/ run one sweep: the same points in both, the Indexed Job's
/// completions equal to its point count, the gather step over the same sweep. (Their syntax and schemas are checked by
/// scripts/check-deploy.sh in CI.)
/// </summary>
public sealed partial class DeployExamplesTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Viz.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("the repository's root (Viz.sln) is not above the tests");
    }

    private static string Text(string path) => File.ReadAllText(Path.Combine(Root, path));

    /// <summary>Words as a POSIX shell splits them, for the plain quoting the examples use.</summary>
    private static string[] Words(string text) =>
        [.. ShellWord().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)];

    private static string[] Points(string[] sweep)
    {
        (int exit, string output, string error) = CliRunner.Run(["sweep", .. sweep, "--list-points"]);
        Assert.True(exit == 0, $"sweep {string.Join(' ', sweep)}: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string[] KubernetesSweep(string file, string until) =>
        Words(Regex.Match(Text(file)[Text(file).IndexOf("args:", StringComparison.Ordinal)..].Replace("\n", " ", StringComparison.Ordinal), $@"balloonviz sweep (.*?) {Regex.Escape(until)}").Groups[1].Value);

    [Fact]
    public void The_indexed_job_has_one_completion_a_point_and_the_slurm_example_the_same_points()
    {
        string[] slurm = Words(SlurmArray().Match(Text("deploy/slurm/sweep.env")).Groups[1].Value);
        string[] kubernetes = KubernetesSweep("deploy/kubernetes/sweep-job.yaml", "--jobs 1");
        int completions = int.Parse(Completions().Match(Text("deploy/kubernetes/sweep-job.yaml")).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(completions, Points(kubernetes).Length);
        Assert.Equal(Points(slurm), Points(kubernetes));
        Assert.Equal(kubernetes, KubernetesSweep("deploy/kubernetes/sweep-gather.yaml", "--out"));
    }

    [GeneratedRegex(@"'([^']*)'|(\S+)")]
    private static partial Regex ShellWord();

    [GeneratedRegex(@"^SWEEP=\((.*)\)$", RegexOptions.Multiline)]
    private static partial Regex SlurmArray();

    [GeneratedRegex(@"^\s*completions: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex Completions();
}

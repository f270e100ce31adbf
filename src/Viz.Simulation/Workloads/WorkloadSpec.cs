using Viz.Simulation.Guest;
using Viz.Simulation.Units;

namespace Viz.Simulation.Workloads;

/// <summary>
/// A workload and its parameters as a user writes it: <c>NAME[:SIZE][@RATE][,work=DURATION]</c>, e.g. <c>idle</c>,
/// <c>hog:3GiB</c>, <c>freed:80%</c>, <c>build@512MiB/s</c>, <c>pagecache:2GiB@1GiB/s</c>, <c>build,work=20m</c>. What
/// SIZE and RATE mean depends on the workload; SIZE may be a share of the guest's memory (<c>hog:50%</c>); left out,
/// they take defaults that suit the guest's size. <c>work</c> gives a build a finite size: the compile CPU time it
/// needs (4 jobs: 20m of work is 5 minutes of a 4-vCPU guest), after which it is done.
/// </summary>
/// <param name="Kind">Which workload.</param>
/// <param name="SizeBytes">Its size, or null for the default (or for a share).</param>
/// <param name="RateBytesPerSecond">Its rate, or null for the default.</param>
/// <param name="WorkNs">For a build, the compile CPU time until it is done; null: it never ends.</param>
/// <param name="SizeShare">Its size as a share of the guest's memory (0 to 1], when SIZE was written as a percentage.</param>
public sealed record WorkloadSpec(WorkloadKind Kind, long? SizeBytes = null, long? RateBytesPerSecond = null, long? WorkNs = null, double? SizeShare = null)
{
    /// <summary>The workload names a user can write, in <see cref="WorkloadKind"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["idle", "build", "hog", "pagecache", "freed"];

    /// <summary>The idle workload.</summary>
    public static WorkloadSpec Idle { get; } = new(WorkloadKind.Idle);

    /// <summary>Parses <c>NAME[:SIZE][@RATE][,work=DURATION]</c>; on failure returns false and says why.</summary>
    public static bool TryParse(string? text, out WorkloadSpec spec, out string error)
    {
        spec = Idle;
        error = string.Empty;
        string trimmed = (text ?? string.Empty).Trim();
        long? work = null;
        int comma = trimmed.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            string option = trimmed[(comma + 1)..].Trim();
            trimmed = trimmed[..comma];
            if (!option.StartsWith("work=", StringComparison.Ordinal))
            {
                error = $"unknown workload option {Quoting.Quote(option)}; the one there is: work=DURATION (e.g. build,work=20m)";
                return false;
            }

            if (!SimDuration.TryParse(option["work=".Length..], out long workNs, out string workError) || workNs <= 0)
            {
                error = $"work: {(workNs <= 0 && workError.Length == 0 ? "must be positive" : workError)} (e.g. build,work=20m)";
                return false;
            }

            work = workNs;
        }

        string? rateText = null;
        string? sizeText = null;
        int at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            rateText = trimmed[(at + 1)..];
            trimmed = trimmed[..at];
        }

        int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            sizeText = trimmed[(colon + 1)..];
            trimmed = trimmed[..colon];
        }

        WorkloadKind? kind = trimmed.ToUpperInvariant() switch
        {
            "IDLE" => WorkloadKind.Idle,
            "BUILD" => WorkloadKind.Build,
            "HOG" => WorkloadKind.Hog,
            "PAGECACHE" => WorkloadKind.PageCache,
            "FREED" => WorkloadKind.Freed,
            _ => null,
        };
        if (kind is null)
        {
            error = $"unknown workload {Quoting.Quote(trimmed)}; choose one of {string.Join(", ", Names)} (e.g. hog:3GiB)";
            return false;
        }

        long? size = null;
        double? share = null;
        if (sizeText is not null && sizeText.TrimEnd().EndsWith('%'))
        {
            // A freed guest of 0% is an idle one, the start of a sweep over the free fraction; 0% of a hog is nothing.
            if (!TryParseShare(sizeText, allowZero: trimmed.Equals("freed", StringComparison.OrdinalIgnoreCase), out double parsed, out error))
            {
                return false;
            }

            share = parsed;
        }
        else if (sizeText is not null)
        {
            if (!ByteSize.TryParse(sizeText, out long bytes, out string sizeError))
            {
                error = $"workload size: {sizeError}";
                return false;
            }

            if (bytes <= 0)
            {
                error = $"workload size must be positive, not {Quoting.Quote(sizeText)}";
                return false;
            }

            size = bytes;
        }

        long? rate = null;
        if (rateText is not null)
        {
            if (!ByteSize.TryParseRate(rateText, out long bytesPerSecond, out string rateError))
            {
                error = $"workload rate: {rateError} per second (e.g. @512MiB/s)";
                return false;
            }

            if (bytesPerSecond <= 0)
            {
                error = $"workload rate must be positive, not {Quoting.Quote(rateText)}";
                return false;
            }

            rate = bytesPerSecond;
        }

        if (work is not null && kind != WorkloadKind.Build)
        {
            error = $"work=DURATION is for build only; {trimmed} has no finite amount of work";
            return false;
        }

        spec = new WorkloadSpec(kind.Value, size, rate, work, share);
        return true;
    }

    /// <summary>The size in bytes for a guest of <paramref name="memoryBytes"/>: SIZE, or its share of the memory; null for the default.</summary>
    public long? SizeFor(long memoryBytes) =>
        SizeBytes ?? (SizeShare is double share ? (long)Math.Round(share * memoryBytes) : null);

    /// <summary>Parses a percentage of the guest's memory, above 0 (or 0 itself, when <paramref name="allowZero"/>) and at most 100.</summary>
    private static bool TryParseShare(string text, bool allowZero, out double share, out string error)
    {
        share = 0;
        error = string.Empty;
        string number = text.Trim().TrimEnd('%').Trim();
        if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double percent)
            || double.IsNaN(percent) || percent < 0 || (percent == 0 && !allowZero) || percent > 100)
        {
            error = $"workload size {Quoting.Quote(text)}: a share of the guest's memory is a percentage {(allowZero ? "from 0" : "above 0")} to 100 (e.g. freed:80%)";
            return false;
        }

        share = percent / 100;
        return true;
    }

    /// <summary>The name a user writes for this workload.</summary>
    public string Name => Names[(int)Kind];

    /// <summary>The spec as a user would write it.</summary>
    public override string ToString()
    {
        string text = Name;
        if (SizeBytes is long size)
        {
            text += ":" + ByteSize.FormatAsInput(size);
        }
        else if (SizeShare is double share)
        {
            text += ":" + (share * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "%";
        }

        if (RateBytesPerSecond is long rate)
        {
            text += "@" + ByteSize.FormatAsInput(rate) + "/s";
        }

        if (WorkNs is long work)
        {
            text += ",work=" + SimDuration.FormatAsInput(work);
        }

        return text;
    }
}

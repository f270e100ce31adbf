using System.Globalization;
using Viz.App.Common;
using Viz.Simulation.Guest;
using Viz.Simulation.Machine;
using Viz.Simulation.Memory;
using Viz.Simulation.Units;
using Viz.Simulation.Workloads;

namespace Viz.App.Cli;

/// <summary>
/// One guest of `balloonviz host --guest SPEC`: <c>SIZE:WORKLOAD[,KEY=VALUE...]</c>, e.g.
/// <c>8GiB:hog:6GiB,reporting=on,poison=init_on_free</c>. SIZE is the guest's RAM, WORKLOAD what --workload takes
/// (its <c>work=</c> included), and each KEY=VALUE overrides for this guest what the command's own options set for all:
/// name, reporting, poison, init-on-alloc, deflate-on-oom, page-poison-feature, footprint, hint-design and seed.
/// </summary>
/// <param name="Name">The guest's name (guest1, guest2, ... unless name= gives one).</param>
/// <param name="Options">The guest's simulation.</param>
public sealed record GuestSpec(string Name, SimulationOptions Options)
{
    /// <summary>The keys a SPEC may set, for messages and help.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["name", "reporting", "poison", "init-on-alloc", "deflate-on-oom", "page-poison-feature", "footprint", "hint-design", "seed", "work"];

    /// <summary>
    /// Parses guest number <paramref name="position"/> (from 1) on top of <paramref name="defaults"/>; a SPEC that does
    /// not parse is a usage error naming the guest (or <paramref name="option"/>) and the part that is wrong.
    /// </summary>
    public static GuestSpec Parse(string text, int position, SimulationOptions defaults, string? option = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(defaults);
        string where = $"{option ?? $"--guest {position}"} ({Quoting.Quote(text)})";
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new UsageException($"{where}: write SIZE:WORKLOAD[,KEY=VALUE...], e.g. 8GiB:hog:6GiB,reporting=on");
        }

        string sizeText = text[..colon];
        if (!ByteSize.TryParse(sizeText, out long memory, out string sizeError))
        {
            throw new UsageException($"{where}: the size {Quoting.Quote(sizeText)}: {sizeError}");
        }

        if (CliOptions.GuestSizeProblem(memory, sizeText) is string problem)
        {
            throw new UsageException($"{where}: the size {problem}");
        }

        string[] parts = text[(colon + 1)..].Split(',');
        string workloadText = parts[0];
        var guest = defaults.Guest with { MemoryBytes = memory };
        var device = defaults.Device;
        string name = $"guest{position}";
        ulong seed = defaults.Seed + (ulong)(position - 1);
        foreach (string part in parts.Skip(1))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string key = equals < 0 ? part : part[..equals];
            string value = equals < 0 ? string.Empty : part[(equals + 1)..];
            string bad = $"{where}: {Quoting.Quote(part)}";
            switch (key)
            {
                case "work":
                    workloadText += "," + part;
                    break;
                case "name" when value.Length > 0:
                    name = value;
                    break;
                case "reporting":
                    device = device with { FreePageReporting = OnOff(value, bad) };
                    break;
                case "deflate-on-oom":
                    device = device with { DeflateOnOom = OnOff(value, bad) };
                    break;
                case "page-poison-feature":
                    device = device with { PagePoison = OnOff(value, bad) };
                    break;
                case "init-on-alloc":
                    guest = guest with { InitOnAlloc = OnOff(value, bad) };
                    break;
                case "poison":
                    guest = guest with { Poison = Word(value, bad, ("off", PoisonMode.Off), ("page_poison", PoisonMode.PagePoison), ("init_on_free", PoisonMode.InitOnFree)) };
                    break;
                case "hint-design":
                    guest = guest with { HintDesign = Word(value, bad, ("upstream", FreePageHintDesign.Upstream), ("v28", FreePageHintDesign.V28)) };
                    break;
                case "footprint":
                    guest = guest with { FootprintBytes = Footprint(value, memory, bad) };
                    break;
                case "seed":
                    seed = ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong given)
                        ? given
                        : throw new UsageException($"{bad}: the seed is a whole number from 0 to {ulong.MaxValue}");
                    break;
                default:
                    throw new UsageException($"{bad} is not KEY=VALUE with a key of {string.Join(", ", Keys)}");
            }
        }

        if (!WorkloadSpec.TryParse(workloadText, out WorkloadSpec workload, out string workloadError))
        {
            throw new UsageException($"{where}: the workload {Quoting.Quote(workloadText)}: {workloadError}");
        }

        if (workload.SizeBytes > memory)
        {
            throw new UsageException($"{where}: the workload's size is larger than the guest ({ByteSize.FormatAsInput(memory)})");
        }

        return new GuestSpec(name, defaults with { Guest = guest, Device = device, Workload = workload, Seed = seed });
    }

    private static bool OnOff(string value, string bad) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new UsageException($"{bad}: write on or off"),
    };

    private static T Word<T>(string value, string bad, params (string Word, T Value)[] words)
    {
        foreach ((string word, T result) in words)
        {
            if (word.Equals(value, StringComparison.OrdinalIgnoreCase))
            {
                return result;
            }
        }

        throw new UsageException($"{bad}: write one of {string.Join(", ", words.Select(w => w.Word))}");
    }

    private static long Footprint(string value, long memory, string bad)
    {
        if (!ByteSize.TryParse(value, out long bytes, out string error))
        {
            throw new UsageException($"{bad}: {error}");
        }

        return CliOptions.FootprintProblem(bytes, memory) is string problem ? throw new UsageException($"{bad}: {problem}") : bytes;
    }
}

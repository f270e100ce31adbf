using System.CommandLine;
using System.CommandLine.Parsing;
using Viz.Simulation.Migration;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>The options that describe a migration, shared by migrate and compare.</summary>
public sealed class MigrationArguments
{
    private readonly Option<long> _bandwidth = new Option<long>("--bandwidth")
    {
        Description = "max-bandwidth of the migration stream, e.g. 128MiB/s (QEMU's default). The default is the setting of the free page hinting series' measurements (100GiB/s: no real limit on a local link).",
        HelpName = "RATE",
        DefaultValueFactory = _ => MigrationParameters.SeedBandwidth,
        CustomParser = ParseRate,
    }.ShowingDefault(ByteSize.FormatAsInput(MigrationParameters.SeedBandwidth) + "/s");

    private readonly Option<long> _downtimeLimit = new Option<long>("--downtime-limit")
    {
        Description = "downtime-limit: switch over once the rest fits in this time (milliseconds, or a duration like 2s). The default is QEMU's.",
        HelpName = "MS",
        DefaultValueFactory = _ => MigrationParameters.DefaultDowntimeLimitNs,
        CustomParser = ParseMilliseconds,
    }.ShowingDefault(SimDuration.FormatAsInput(MigrationParameters.DefaultDowntimeLimitNs));

    private readonly Option<long?> _startAfter = CliOptions.OptionalDuration(
        "--start-after", "How long the guest runs its workload before the migration starts (default: until the workload settles).", minimumNs: 0, CliOptions.MaxMigrationWaitNs);

    private readonly Option<int> _maxRounds = CliOptions.WholeNumber(
        "--max-rounds", "Bitmap syncs after which a migration that does not converge gives up", new MigrationParameters().MaxRounds, 1, CliOptions.MaxRounds);

    private readonly Option<long?> _pingPongGap = CliOptions.OptionalDuration(
        "--ping-pong-gap", $"Ping-pong: how long each hop's fresh destination QEMU takes to start before the next migration (default: {SimDuration.FormatAsInput(MigrationParameters.DefaultPingPongGapNs)}, an estimate).", minimumNs: 0, CliOptions.MaxMigrationWaitNs);

    private readonly Option<string?> _costs = CliOptions.FilePath(
        "--costs", "A migration cost profile (JSON, e.g. from balloonviz calibrate): the costs it gives replace the default profile's (the host of the free page hinting patches' measurements).");

    private readonly Option<int?> _clearBitmapShift = new Option<int?>("--clear-bitmap-shift")
    {
        Description = $"How KVM's dirty log is cleared: eager (at every sync, as on the free page hinting series' 2018 host; the default profile's) or QEMU's lazy clearing in chunks of 2^N pages, N from {MigrationCosts.MinClearBitmapShift} to {MigrationCosts.MaxClearBitmapShift} (QEMU 4.0 or later on Linux 5.3 or later; QEMU's default is {MigrationCosts.QemuDefaultClearBitmapShift}, 1 GiB). Default: the cost profile's.",
        HelpName = "N|eager",
        CustomParser = ParseClearBitmapShift,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(_bandwidth);
        command.Add(_downtimeLimit);
        command.Add(_startAfter);
        command.Add(_maxRounds);
        command.Add(_pingPongGap);
        command.Add(_costs);
        command.Add(_clearBitmapShift);
    }

    /// <summary>The migration parameters the options describe.</summary>
    public MigrationParameters Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        MigrationCosts costs = parse.GetValue(_costs) is string path ? CostProfile.Load(path) : MigrationCosts.Default;
        costs = parse.GetValue(_clearBitmapShift) switch
        {
            null => costs,
            EagerClearing => costs with { ClearBitmapShift = null },
            int shift => costs with { ClearBitmapShift = shift },
        };
        return new MigrationParameters
        {
            BandwidthBytesPerSecond = parse.GetValue(_bandwidth),
            DowntimeLimitNs = parse.GetValue(_downtimeLimit),
            MaxRounds = parse.GetValue(_maxRounds),
            PingPongGapNs = parse.GetValue(_pingPongGap) ?? MigrationParameters.DefaultPingPongGapNs,
            Costs = costs,
        };
    }

    /// <summary>--start-after, or null for "until the workload settles".</summary>
    public long? StartAfter(ParseResult parse) => parse?.GetValue(_startAfter);

    private const int EagerClearing = 0;

    private static int? ParseClearBitmapShift(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (text.Equals("eager", StringComparison.OrdinalIgnoreCase))
        {
            return EagerClearing;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int shift)
            && shift >= MigrationCosts.MinClearBitmapShift && shift <= MigrationCosts.MaxClearBitmapShift)
        {
            return shift;
        }

        result.AddError($"--clear-bitmap-shift: {Quoting.Quote(text)} is not eager or a whole number from {MigrationCosts.MinClearBitmapShift} to {MigrationCosts.MaxClearBitmapShift}");
        return null;
    }

    private static long ParseRate(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!ByteSize.TryParseRate(text, out long bytes, out string error))
        {
            result.AddError($"--bandwidth: {error} per second (e.g. 128MiB/s)");
        }
        else if (bytes <= 0)
        {
            result.AddError("--bandwidth must be more than zero");
        }

        return bytes;
    }

    private static long ParseMilliseconds(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        bool bare = double.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out double ms);
        long ns = (long)(ms * SimDuration.NsPerMs);
        if (!bare && !SimDuration.TryParse(text, out ns, out _))
        {
            result.AddError($"--downtime-limit: {Quoting.Quote(text)} is not a time; write milliseconds (300) or a duration (2s)");
        }
        else if (ns <= 0)
        {
            result.AddError("--downtime-limit must be more than zero");
        }

        return ns;
    }
}

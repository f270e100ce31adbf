using System.CommandLine;
using Viz.App.Common;

namespace Viz.App.Cli;

/// <summary>The options that choose the output format, shared by run, migrate and compare: --json or --csv, not both.</summary>
public sealed class OutputArguments
{
    private readonly Option<bool> _json = CliOptions.Json();
    private readonly Option<bool> _csv = new("--csv") { Description = "Print one CSV document (RFC 4180: a header row of the JSON field names) instead of a table." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(_json);
        command.Add(_csv);
    }

    /// <summary>The format asked for; --json with --csv is a usage error.</summary>
    public OutputFormat Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        bool json = parse.GetValue(_json);
        bool csv = parse.GetValue(_csv);
        if (json && csv)
        {
            throw new UsageException("--csv and --json cannot be used together; choose one");
        }

        return json ? OutputFormat.Json : csv ? OutputFormat.Csv : OutputFormat.Table;
    }
}

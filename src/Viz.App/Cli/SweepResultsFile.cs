using System.Text;
using Viz.App.Common;

namespace Viz.App.Cli;

/// <summary>
/// A sweep's results as JSON lines, one per point, appended as points finish; the outputs of several runs (or of
/// the array tasks of a batch job) concatenate into one such file. A last line cut short, by a sweep killed while
/// writing it, is dropped when the file is read again, and the point runs again.
/// </summary>
public sealed class SweepResultsFile
{
    private readonly string _path;
    private readonly Lock _lock = new();

    /// <summary>The results file at <paramref name="path"/>.</summary>
    public SweepResultsFile(string path) => _path = path;

    /// <summary>
    /// The records in the file (none if it does not exist). A line that is not a record is a usage error naming the
    /// file and the line, except a last line without its line break, which is cut from the file.
    /// </summary>
    public IReadOnlyList<SweepRecord> Read()
    {
        if (!File.Exists(_path))
        {
            return [];
        }

        string text;
        try
        {
            text = File.ReadAllText(_path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{_path}: cannot read the sweep's results: {e.Message}");
        }

        var records = new List<SweepRecord>();
        string[] lines = text.Split('\n');
        int complete = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (int i = 0; i < complete; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            if (SweepRecord.Parse(line) is SweepRecord record)
            {
                records.Add(record);
                if (i == complete - 1 && !text.EndsWith('\n'))
                {
                    File.AppendAllText(_path, "\n", Encoding.UTF8);
                }
            }
            else if (i == complete - 1 && !text.EndsWith('\n'))
            {
                File.WriteAllText(_path, string.Join('\n', lines[..i]) + (i > 0 ? "\n" : string.Empty), Encoding.UTF8);
            }
            else
            {
                throw new UsageException($"{_path}:{i + 1}: not a line of sweep results (a JSON object with point, command, options, args and result)");
            }
        }

        return records;
    }

    /// <summary>Appends one record as a line; safe from several threads.</summary>
    public void Append(SweepRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            try
            {
                File.AppendAllText(_path, record.ToJsonLine() + "\n", Encoding.UTF8);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"{_path}: cannot write the sweep's results: {e.Message}");
            }
        }
    }
}

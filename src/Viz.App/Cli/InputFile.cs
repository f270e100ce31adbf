using System.Text.Json;
using System.Text.Json.Nodes;
using Viz.App.Common;
using Viz.Simulation.Units;

namespace Viz.App.Cli;

/// <summary>
/// Reading a small file a user names on the command line (a cost profile, a query-migrate reply, a saved /proc/meminfo):
/// a size cap, and one message naming the file for whatever goes wrong, never the .NET exception.
/// </summary>
public static class InputFile
{
    /// <summary>The largest such file read: each is well under 1 KiB.</summary>
    public const long MaxBytes = 64 * 1024;

    /// <summary>How a message names a file: the path as given, shortened when it is too long to read.</summary>
    public static string Named(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Length <= 120 ? path : Quoting.Quote(path);
    }

    /// <summary>The text of the file at <paramref name="path"/>, a <paramref name="what"/> ("cost profile"); a usage error when it cannot be read.</summary>
    public static string ReadText(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return new FileInfo(path).Length > MaxBytes
                ? throw new UsageException($"{Named(path)}: too large for a {what} (at most {MaxBytes / 1024} KiB)")
                : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{Named(path)}: cannot read the {what}: {Unreadable(e)}");
        }
    }

    /// <summary>The file at <paramref name="path"/> as JSON; malformed JSON is a usage error naming the file and the line.</summary>
    public static JsonNode? ReadJson(string path, string what)
    {
        string text = ReadText(path, what);
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new UsageException($"{Named(path)}: not valid JSON (line {e.LineNumber + 1}): {e.Message.Split(". ")[0]}");
        }
    }

    /// <summary>Why a file could not be read or written, without repeating its path.</summary>
    public static string Unreadable(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        PathTooLongException => "the name is too long",
        UnauthorizedAccessException => "permission denied",
        _ => "an I/O error",
    };
}

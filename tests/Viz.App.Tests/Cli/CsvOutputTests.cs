using System.Globalization;
using Viz.App.Cli;

namespace Viz.App.Tests.Cli;

/// <summary>The CSV writer every command uses.</summary>
public class CsvOutputTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rlf", "\"cr\rlf\"")]
    [InlineData("", "")]
    public void A_field_is_quoted_only_when_it_holds_a_comma_a_quote_or_a_line_break(string value, string field)
    {
        Assert.Equal(field, CsvOutput.Field(value));
    }

    [Fact]
    public void Records_become_a_header_of_json_names_and_one_crlf_line_each()
    {
        Record[] records =
        [
            new("a,b", 1234567.5, 1_000_000, ["x", "y"], new Inner("deep"), null),
            new("say \"hi\"", 0.25, -3, [], new Inner("er"), 7),
        ];

        string csv = Write(records);

        Assert.Equal(
            "name,ratio,count,tags,inner.text,optional\r\n"
            + "\"a,b\",1234567.5,1000000,x y,deep,\r\n"
            + "\"say \"\"hi\"\"\",0.25,-3,,er,7\r\n",
            csv);
    }

    [Fact]
    public void Numbers_are_in_the_invariant_culture_whatever_the_current_one()
    {
        CultureInfo before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("1.234.567,5", 1234567.5.ToString("N1", CultureInfo.CurrentCulture));
            string csv = Write([new Record("x", 1234567.5, 1_000_000, [], new Inner("y"), null)]);
            Assert.EndsWith("\r\nx,1234567.5,1000000,,y,\r\n", csv, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    private static string Write(Record[] records)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        CsvOutput.Write(output, records);
        return output.ToString();
    }

    public sealed record Inner(string Text);

    public sealed record Record(string Name, double Ratio, long Count, IReadOnlyList<string> Tags, Inner Inner, int? Optional);
}

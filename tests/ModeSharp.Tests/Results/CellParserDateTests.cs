using System.Globalization;
using ModeSharp.Results;

namespace ModeSharp.Tests.Results;

/// <summary>The reader computes date ticks itself (no DateTime on the hot path); it must agree with DateTime everywhere.</summary>
public class CellParserDateTests
{
    [Fact]
    public void Date_ticks_and_validity_agree_with_DateTime_for_every_day_of_sampled_years_and_every_invalid_day()
    {
        int[] years = [1, 4, 99, 100, 400, 1582, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9999];
        int checkedDays = 0;
        foreach (int year in years)
        {
            for (int month = 0; month <= 13; month++)
            {
                for (int day = 0; day <= 32; day++)
                {
                    string text = string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}-{day:00}");
                    bool expected = DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
                    Assert.Equal(expected, CellParser.TryParseDate(text, out long ticks));
                    if (expected) Assert.Equal(date.Ticks, ticks);
                    checkedDays++;
                }
            }
        }

        for (var d = new DateTime(1, 1, 1); d.Year < 9999; d = d.AddDays(97))
        {
            Assert.True(CellParser.TryParseDate(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), out long ticks));
            Assert.Equal(d.Ticks, ticks);
        }

        Assert.True(checkedDays > 5000);
        Assert.False(CellParser.TryParseDate("0000-01-01", out _));
        Assert.False(CellParser.TryParseDate("2024-1a-01", out _));
    }
}

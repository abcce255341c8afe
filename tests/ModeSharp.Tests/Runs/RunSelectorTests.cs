using ModeSharp.Runs;

namespace ModeSharp.Tests.Runs;

public class RunSelectorTests
{
    [Theory]
    [InlineData("latest-successful", RunSelectorKind.LatestSuccessful)]
    [InlineData("last-successful", RunSelectorKind.LatestSuccessful)]
    [InlineData("LATEST", RunSelectorKind.Latest)]
    [InlineData("f2b9f754ad5c", RunSelectorKind.Token)]
    public void Parse_reads_the_three_ways_of_naming_a_run(string text, RunSelectorKind kind)
    {
        var selector = RunSelector.Parse(text);

        Assert.Equal(kind, selector.Kind);
        Assert.Equal(selector, RunSelector.Parse(selector.ToString()));
    }

    [Fact]
    public void A_token_selector_keeps_the_token_and_the_wait_choice()
    {
        var selector = RunSelector.Parse(" f2b9f754ad5c ", waitIfInProgress: true);

        Assert.Equal("f2b9f754ad5c", selector.RunToken);
        Assert.True(selector.WaitIfInProgress);
    }
}

using PrivClust.Net.Dealer;

namespace PrivClust.Net.Tests.Dealer;

/// <summary>The dealer keeps enough checkpoint marks for party b's resume (its latest written checkpoint and two marks after it).</summary>
public class DealerOptionsValidatorTests
{
    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Marks_kept_must_cover_two_marks_beyond_the_latest_written_checkpoint(int kept, bool accepted)
    {
        var result = new DealerOptionsValidator().Validate(null, new DealerOptions { MarksKept = kept });
        bool named = result.Failed && result.Failures!.Any(f => f.Contains("Dealer:MarksKept must be at least 3", StringComparison.Ordinal));
        Assert.Equal(accepted, !named);
    }
}

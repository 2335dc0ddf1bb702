using Retrieval.Evaluation;

namespace Retrieval.Tests.Evaluation;

public sealed class RecallReportTests
{
    [Fact]
    public void FromRanks_CountsPercentWithinKAndTheMedian()
    {
        var report = RecallReport.FromRanks([1, 2, 5, 6, 10, 11, 40, 3]);
        Assert.Equal(8, report.Queries);
        Assert.Equal(12.5, report.RecallAt1);
        Assert.Equal(50.0, report.RecallAt5);
        Assert.Equal(75.0, report.RecallAt10);
        Assert.Equal(5.5, report.MedianRank); // 1 2 3 5 | 6 10 11 40
        Assert.Equal(3, RecallReport.FromRanks([9, 3, 1]).MedianRank);
    }
}

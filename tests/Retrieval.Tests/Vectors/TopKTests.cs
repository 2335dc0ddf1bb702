using Retrieval.Vectors;

namespace Retrieval.Tests.Vectors;

public sealed class TopKTests
{
    [Theory]
    [InlineData(1, 100)]
    [InlineData(10, 5)]
    [InlineData(10, 1000)]
    public void KeepsTheBestScoresInOrder(int k, int n)
    {
        var random = new Random(k * n);
        var scores = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
        var top = new TopK(k);
        for (var i = 0; i < n; i++)
        {
            top.Add(scores[i], i);
        }

        var expected = scores.Select((s, i) => (Score: s, Slot: (long)i)).OrderByDescending(p => p.Score).Take(k).ToArray();
        Assert.Equal(expected, top.ToSortedArray());
    }

    [Fact]
    public void Merge_CombinesTwoHeaps()
    {
        var a = new TopK(3);
        var b = new TopK(3);
        foreach (var (score, slot) in new[] { (0.1f, 1L), (0.9f, 2L), (0.5f, 3L) })
        {
            a.Add(score, slot);
        }

        foreach (var (score, slot) in new[] { (0.7f, 4L), (0.2f, 5L), (0.95f, 6L) })
        {
            b.Add(score, slot);
        }

        a.Merge(b);
        Assert.Equal([6L, 2L, 4L], a.ToSortedArray().Select(p => p.Slot));
    }
}

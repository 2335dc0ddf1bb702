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
            top.Add(scores[i], i, 1000 + i);
        }

        var expected = scores.Select((s, i) => (Score: s, Slot: (long)i, Id: 1000L + i)).OrderByDescending(p => p.Score).Take(k).ToArray();
        Assert.Equal(expected, top.ToSortedArray());
    }

    [Fact]
    public void EqualScores_AreOrderedById_WhateverTheSlotsAndTheOrderOfArrival()
    {
        // Ten candidates tied at 0.5 for three places: the three smallest ids win, in any arrival order.
        var candidates = Enumerable.Range(0, 10).Select(i => (Score: 0.5f, Slot: (long)(9 - i), Id: (long)(40 + (i * 7 % 10)))).ToList();
        foreach (var order in (int[])[1, 7, 13])
        {
            var top = new TopK(3);
            foreach (var (score, slot, id) in candidates.OrderBy(c => (c.Id * order) % 11))
            {
                top.Add(score, slot, id);
            }

            Assert.Equal([40L, 41L, 42L], top.ToSortedArray().Select(c => c.Id));
        }
    }

    [Fact]
    public void Merge_CombinesTwoHeaps()
    {
        var a = new TopK(3);
        var b = new TopK(3);
        foreach (var (score, slot) in new[] { (0.1f, 1L), (0.9f, 2L), (0.5f, 3L) })
        {
            a.Add(score, slot, slot);
        }

        foreach (var (score, slot) in new[] { (0.7f, 4L), (0.2f, 5L), (0.95f, 6L) })
        {
            b.Add(score, slot, slot);
        }

        a.Merge(b);
        Assert.Equal([6L, 2L, 4L], a.ToSortedArray().Select(p => p.Slot));
    }
}

using Retrieval.Duplicates;

namespace Retrieval.Tests.Duplicates;

public sealed class DuplicateGroupsTests
{
    [Fact]
    public void ChainsJoinOneGroup_WhoseOriginalIsTheLargestPhoto()
    {
        // 1 ~ 2 ~ 3 (a copy of a copy) and 7 ~ 9; photo 2 is the largest of the first group.
        var sizes = new Dictionary<long, long> { [1] = 100, [2] = 400, [3] = 100, [7] = 50, [9] = 50 };
        var originals = DuplicateGroups.Originals([(1, 2, 0.95f), (2, 3, 0.93f), (7, 9, 0.99f)], id => sizes[id], _ => 0);
        Assert.Equal([(1L, 2L), (3L, 2L), (9L, 7L)], originals.OrderBy(o => o.Photo));
    }

    [Fact]
    public void EqualSizes_TheOldestFileIsTheOriginal_ThenTheEarliestIndexed()
    {
        // An edit indexed first (id 4) of the original (id 8): the older file wins.
        var modified = new Dictionary<long, long> { [4] = 2_000, [5] = 3_000, [8] = 1_000 };
        Assert.Equal([(4L, 8L), (5L, 8L)], DuplicateGroups.Originals([(5, 8, 0.95f), (4, 8, 0.95f)], _ => 10, id => modified[id]).OrderBy(o => o.Photo));
        Assert.Equal([(5L, 4L), (8L, 4L)], DuplicateGroups.Originals([(5, 8, 0.95f), (4, 8, 0.95f)], _ => 10, _ => 0).OrderBy(o => o.Photo));
    }

    [Fact]
    public void NoPairs_NoGroups() => Assert.Empty(DuplicateGroups.Originals([], _ => 0, _ => 0));
}

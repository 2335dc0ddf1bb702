using Retrieval.Errors;
using Retrieval.Hosting;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Hosting;

/// <summary>
/// The pool of read-only index handles over a real local index: reused across leases, one per concurrent caller,
/// dropped after a write or when the index is replaced, and the errors of an index never made and of one gone.
/// </summary>
public sealed class ReaderPoolTests : IDisposable
{
    private readonly IndexFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    // An index with its collections made, as the first index run leaves it.
    private void MakeIndex() => _fixture.Backend.OpenForWriting([new Retrieval.Catalog.CollectionKind("images", 4, "m", onePerPhoto: true)], reembed: false).Dispose();

    [Fact]
    public void BeforeAnIndexIsMade_ALeaseIsIndexNotFound()
    {
        using var pool = new ReaderPool(_fixture.Backend);
        Assert.Throws<IndexNotFoundException>(pool.Lease);
    }

    [Fact]
    public void AReturnedHandle_IsLeasedAgain_AndConcurrentCallersGetTheirOwn()
    {
        MakeIndex();
        using var pool = new ReaderPool(_fixture.Backend);
        var first = pool.Lease();
        using (var second = pool.Lease())
        {
            Assert.NotSame(first.Index, second.Index);
        }

        var index = first.Index;
        first.Dispose();
        first.Dispose(); // returned once, however often disposed
        using var again = pool.Lease();
        using var beside = pool.Lease();
        Assert.Contains(index, (object[])[again.Index, beside.Index]);
        Assert.NotSame(again.Index, beside.Index);
    }

    [Fact]
    public void AfterInvalidate_HandlesAreOpenedAfresh()
    {
        MakeIndex();
        using var pool = new ReaderPool(_fixture.Backend);
        var lease = pool.Lease();
        var index = lease.Index;
        pool.Invalidate();
        lease.Dispose();
        using var next = pool.Lease();
        Assert.NotSame(index, next.Index);
    }

    [Fact]
    public void AnIndexGone_IsUnavailable_AndARebuiltOneIsServedAtTheNextLease()
    {
        MakeIndex();
        using var pool = new ReaderPool(_fixture.Backend);
        // Held open across the replacement, so the rebuilt catalog cannot be given the deleted one's inode.
        using var old = pool.Lease();
        Assert.True(pool.IsCurrent(old));

        Directory.Delete(_fixture.Paths.Root, recursive: true);
        Assert.Throws<IndexUnavailableException>(pool.Lease);
        Assert.False(pool.IsCurrent(old));

        MakeIndex();
        using var rebuilt = pool.Lease();
        Assert.True(pool.IsCurrent(rebuilt));
        Assert.NotSame(old.Index, rebuilt.Index);
        Assert.False(pool.IsCurrent(old));
    }
}

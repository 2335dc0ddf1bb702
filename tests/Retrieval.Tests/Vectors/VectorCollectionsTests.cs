using Retrieval.Vectors;

namespace Retrieval.Tests.Vectors;

public sealed class VectorCollectionsTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Collections_AreSeparateStoresWithTheirOwnShape()
    {
        var collections = new VectorCollections(Path.Combine(_fixture.Folder, "vectors"));
        Assert.Empty(collections.Names);
        using (var images = collections.OpenOrCreate("images", 16, "model-a"))
        using (var captions = collections.OpenOrCreate("captions", 8, "model-a"))
        {
            await images.UpsertAsync([1, 2], StoreFixture.RandomVectors(2, 16, 1), TestContext.Current.CancellationToken);
            await captions.UpsertAsync([7], StoreFixture.RandomVectors(1, 8, 2), TestContext.Current.CancellationToken);
        }

        Assert.Equal(["captions", "images"], collections.Names);
        using (var reopened = collections.Open("images"))
        using (var reader = collections.OpenReadOnly("images"))
        {
            Assert.Equal(2, reopened.Count);
            Assert.Equal(16, reopened.Dimension);
            Assert.True(reader.IsReadOnly);
            Assert.Equal(2, reader.Count);
        }

        collections.Delete("captions");
        Assert.Equal(["images"], collections.Names);
    }

    [Fact]
    public async Task Reader_KeepsAnsweringWhenItsCollectionIsDeleted()
    {
        // A writer re-embedding with another model drops the collection while a server reads it.
        var collections = new VectorCollections(Path.Combine(_fixture.Folder, "vectors"));
        var vectors = StoreFixture.RandomVectors(3, 16, 4);
        using (var images = collections.OpenOrCreate("images", 16, "model-a"))
        {
            await images.UpsertAsync([1, 2, 3], vectors, TestContext.Current.CancellationToken);
        }

        using var reader = collections.OpenReadOnly("images");
        collections.Delete("images");
        Assert.Empty(collections.Names);
        reader.Refresh();
        Assert.Equal(3, await reader.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, reader.Search(vectors.AsSpan(16, 16), 1)[0].Id);
    }

    [Fact]
    public async Task DeletionCutShort_LeavesNoCollection_AndTheNextOpenStartsClean()
    {
        var collections = new VectorCollections(Path.Combine(_fixture.Folder, "vectors"));
        using (var images = collections.OpenOrCreate("images", 16, "model-a"))
        {
            await images.UpsertAsync([1, 2, 3], StoreFixture.RandomVectors(3, 16, 1), TestContext.Current.CancellationToken);
            await images.DeleteAsync([2], TestContext.Current.CancellationToken);
            await images.CompactAsync(TestContext.Current.CancellationToken); // segment 2 now
        }

        // What Delete leaves when the process dies right after its first step: the manifest gone, every column file still there.
        var folder = Path.Combine(_fixture.Folder, "vectors", "images");
        File.Delete(Path.Combine(folder, "manifest.bin"));
        File.WriteAllBytes(Path.Combine(folder, "segment-000001.f32"), new byte[640]); // and an older segment's stray file
        Assert.Empty(collections.Names);

        using var fresh = collections.OpenOrCreate("images", 16, "model-b");
        Assert.Equal(0, fresh.Count);
        Assert.Equal("model-b", fresh.ModelId);
        Assert.DoesNotContain(Directory.GetFiles(folder), f => Path.GetFileName(f).StartsWith("segment-000002", StringComparison.Ordinal));
        fresh.Verify();
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("dots.are.out")]
    public void UnsafeNames_AreRejected(string name)
    {
        var collections = new VectorCollections(_fixture.Folder);
        Assert.Throws<ArgumentException>(() => collections.OpenOrCreate(name, 4, "m"));
    }
}

using Retrieval.Backends.Local;
using Retrieval.Errors;
using Retrieval.Vectors;

namespace Retrieval.Tests.Catalog;

/// <summary>
/// A catalog of zero bytes is an index being created while nothing else is there (its writer has not written the
/// schema yet), and damage once keywords or vectors lie beside it: they refer to what the catalog lost.
/// </summary>
public sealed class EmptyCatalogTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-empty-catalog-");

    private IndexPaths Paths => new(_folder.FullName);

    [Fact]
    public void AnEmptyCatalogAlone_IsAnIndexNotWrittenYet()
    {
        File.WriteAllBytes(Paths.Catalog, []);
        Assert.Throws<IndexNotFoundException>(() => new LocalIndexBackend(Paths, new VectorStoreOptions()).OpenForReading());
    }

    [Theory]
    [InlineData("keywords")]
    [InlineData("vectors")]
    public void AnEmptyCatalogBesideTheOtherParts_IsDamageNamingIt(string part)
    {
        File.WriteAllBytes(Paths.Catalog, []);
        Directory.CreateDirectory(Path.Combine(_folder.FullName, part));
        var backend = new LocalIndexBackend(Paths, new VectorStoreOptions());
        Assert.Equal(Paths.Catalog, Assert.Throws<IndexDamagedException>(backend.OpenForReading).Path);
        Assert.Equal(Paths.Catalog, Assert.Throws<IndexDamagedException>(backend.OpenForMaintenance).Path);
        Assert.Equal(0, new FileInfo(Paths.Catalog).Length);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}

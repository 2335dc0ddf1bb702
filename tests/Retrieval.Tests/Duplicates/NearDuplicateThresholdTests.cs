using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Retrieval.Duplicates;
using Retrieval.Errors;
using Retrieval.Hosting;
using Retrieval.Testing;

namespace Retrieval.Tests.Duplicates;

/// <summary>The near-duplicate threshold's bounds, checked once by the engine, which the CLI and the server rely on.</summary>
public sealed class NearDuplicateThresholdTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-threshold-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData(-1f)]
    [InlineData(0.9f)]
    [InlineData(1f)]
    public void AThresholdFromMinusOneToOne_IsTaken(float threshold) =>
        Assert.Equal(threshold, NearDuplicateOptions.CheckMinSimilarity(threshold));

    [Theory]
    [InlineData(1.5f, "1.5")]
    [InlineData(-1.01f, "-1.01")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    public void AThresholdOutsideThem_IsRefusedNamingIt(float threshold, string named)
    {
        var refused = Assert.Throws<InvalidInputException>(() => NearDuplicateOptions.CheckMinSimilarity(threshold));
        Assert.Equal("minSimilarity", refused.Input);
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEngine_RefusesItBeforeAnythingElse_WithoutAShell()
    {
        // No index yet: were the bound not the engine's, this would be IndexNotFoundException.
        var settings = new Dictionary<string, string?>
        {
            ["Retrieval:Index:Root"] = Path.Combine(_folder.FullName, "index"),
            ["Retrieval:Model:Path"] = RepositoryPaths.TinyModel,
        };
        await using var services = new ServiceCollection().AddRetrieval(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        var library = services.GetRequiredService<LibraryStatus>();
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => library.DuplicatesAsync(near: true, 1.5f, TestContext.Current.CancellationToken));
        Assert.Contains("1.5", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IndexNotFoundException>(() => library.DuplicatesAsync(near: true, 0.95f, TestContext.Current.CancellationToken));
    }
}

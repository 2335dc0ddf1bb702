using Microsoft.Extensions.DependencyInjection;
using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Hosting;
using Retrieval.Search;
using Retrieval.TestAnalyzer;

namespace Retrieval.Tests.Analysis;

/// <summary>
/// An analyzer the engine's sources know nothing of (<see cref="MeanColourAnalyzer"/>, built in a project of its own and
/// registered with one line), through the real engine: its vectors are indexed and searched in its own collection, its
/// keyword field is searchable, it leaves with its photo, and it is caught up on an index built before it.
/// </summary>
public sealed class MeanColourAnalyzerTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-analyzer-");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private string Photos => Path.Combine(_folder.FullName, "photos");

    private string Root => Path.Combine(_folder.FullName, "index");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>The engine with the analyzer registered: the one line a user adds.</summary>
    private TestEngine WithColours() => new(Root, services => services.AddSingleton<IPhotoAnalyzer, MeanColourAnalyzer>());

    private Task<IndexRunCounts> IndexAsync(TestEngine engine) => engine.Get<LibraryMaintenance>().IndexAsync([Photos], null, reembed: false, null, _ct);

    private async Task<List<string>> KeywordSearchAsync(TestEngine engine, string text) =>
        [.. (await engine.Get<SearchService>().SearchAsync(new SearchInput { Text = text, Mode = SearchMode.Keyword }, _ct)).Hits.Select(h => Path.GetFileName(h.Path))];

    /// <summary>The file names of the <paramref name="k"/> photos whose mean colour is nearest (<paramref name="r"/>, <paramref name="g"/>, <paramref name="b"/>).</summary>
    private async Task<List<string>> NearestColourAsync(TestEngine engine, float r, float g, float b, int k)
    {
        using var lease = engine.Get<IndexAccess>().TryLease()!;
        var hits = await lease.Index.Collection(MeanColourAnalyzer.Collection.Name)!.SearchAsync(MeanColourAnalyzer.VectorOf(r, g, b), k, null, 1, _ct);
        var photos = lease.Index.Catalog.Photos([.. hits.Select(h => h.PhotoId)]);
        return [.. hits.Select(h => Path.GetFileName(photos[h.PhotoId].Path))];
    }

    [Fact]
    public async Task ItsVectorsAndItsKeywordField_AreIndexedAndSearchable()
    {
        ColourPhotos.Write(Photos);
        using var engine = WithColours();

        var counts = await IndexAsync(engine);

        Assert.Equal((4, 0), (counts.Embedded, counts.Failed));
        Assert.Equal([ColourPhotos.FileOf("red")], await NearestColourAsync(engine, 255, 0, 0, 1));
        Assert.Equal([ColourPhotos.FileOf("blue")], await NearestColourAsync(engine, 0, 0, 255, 1));
        foreach (var name in ColourPhotos.Named.Keys)
        {
            Assert.Equal([ColourPhotos.FileOf(name)], await KeywordSearchAsync(engine, name));
        }

        using var lease = engine.Get<IndexAccess>().TryLease()!;
        Assert.Equal("mean-colour-v1", lease.Index.Catalog.ModelOf(MeanColourAnalyzer.Collection.Name));
    }

    [Fact]
    public async Task ItsKeywordField_IsEvidenceInTheDefaultSearch_AndAMatchedWord()
    {
        ColourPhotos.Write(Photos);
        using var engine = WithColours();
        await IndexAsync(engine);

        // The test model's vectors are random: only the field's evidence can put the red photo first.
        var results = await engine.Get<SearchService>().SearchAsync(new SearchInput { Text = "red" }, _ct);

        Assert.Equal(SearchMode.Hybrid, results.Mode);
        Assert.Equal(ColourPhotos.FileOf("red"), Path.GetFileName(results.Hits[0].Path));
        Assert.Contains("red", results.Hits[0].MatchedWords);
    }

    [Fact]
    public async Task APhotoChangedWhileItWasOff_IsAnalysedAgainWhenItIsBack()
    {
        ColourPhotos.Write(Photos);
        using (var engine = WithColours())
        {
            await IndexAsync(engine);
        }

        // The red photo's file now holds a blue photo; a run without the analyzer indexes the change.
        File.Copy(Path.Combine(Photos, ColourPhotos.FileOf("blue")), Path.Combine(Photos, ColourPhotos.FileOf("red")), overwrite: true);
        File.AppendAllText(Path.Combine(Photos, ColourPhotos.FileOf("red")), " ");
        using (var without = new TestEngine(Root))
        {
            await IndexAsync(without);
            Assert.Empty(await KeywordSearchAsync(without, "red"));
        }

        using var back = WithColours();
        await IndexAsync(back);
        Assert.Empty(await KeywordSearchAsync(back, "red"));
        Assert.Equal(new[] { ColourPhotos.FileOf("blue"), ColourPhotos.FileOf("red") }.Order(), (await KeywordSearchAsync(back, "blue")).Order());
    }

    [Fact]
    public async Task ItsVectorAndField_LeaveWithTheirPhoto()
    {
        ColourPhotos.Write(Photos);
        using var engine = WithColours();
        await IndexAsync(engine);
        long green;
        using (var lease = engine.Get<IndexAccess>().TryLease()!)
        {
            green = lease.Index.Catalog.SearchableIds(PhotoFilter.None).Single(id => lease.Index.Catalog.Photos([id])[id].Path.EndsWith(ColourPhotos.FileOf("green"), StringComparison.Ordinal));
        }

        File.Delete(Path.Combine(Photos, ColourPhotos.FileOf("green")));
        var counts = await IndexAsync(engine);

        Assert.Equal(1, counts.Removed);
        Assert.Empty(await KeywordSearchAsync(engine, "green"));
        Assert.DoesNotContain(ColourPhotos.FileOf("green"), await NearestColourAsync(engine, 0, 255, 0, 10));
        using var after = engine.Get<IndexAccess>().TryLease()!;
        var colours = after.Index.Collection(MeanColourAnalyzer.Collection.Name)!.Vectors;
        Assert.Null(await colours.GetVectorAsync(green, _ct));
        Assert.Equal(3, await colours.CountAsync(_ct));
        Assert.Empty(after.Index.Catalog.Removals(MeanColourAnalyzer.Collection.Name));
    }

    [Fact]
    public async Task AnIndexBuiltBeforeIt_IsCaughtUp_OnceAndOnlyOnce()
    {
        ColourPhotos.Write(Photos);
        using (var without = new TestEngine(Root))
        {
            Assert.Equal(4, (await IndexAsync(without)).Embedded);
            Assert.Empty(await KeywordSearchAsync(without, "yellow"));
        }

        using var engine = WithColours();
        Assert.Equal(4, (await IndexAsync(engine)).Embedded);
        Assert.Equal([ColourPhotos.FileOf("yellow")], await KeywordSearchAsync(engine, "yellow"));
        Assert.Equal([ColourPhotos.FileOf("yellow")], await NearestColourAsync(engine, 255, 255, 0, 1));
        Assert.Equal(0, (await IndexAsync(engine)).Embedded);
    }
}

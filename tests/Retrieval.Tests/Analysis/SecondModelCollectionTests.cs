using Microsoft.Extensions.DependencyInjection;
using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Catalog;
using Retrieval.Embedding;
using Retrieval.Errors;
using Retrieval.Hosting;
using Retrieval.Models;
using Retrieval.Testing;
using Retrieval.Tests.Indexing;

namespace Retrieval.Tests.Analysis;

/// <summary>
/// A second model's collection (as faces will be) beside the main model's in one index: each collection keeps its own
/// model, and replacing the second model re-embeds its collection alone — the main model's vectors stay where they are.
/// </summary>
public sealed class SecondModelCollectionTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-second-model-");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly ClipModel _main = TestModels.Tiny(threads: 1);
    private readonly ClipModel _second = TestModels.Default(threads: 1);

    private string Photos => Path.Combine(_folder.FullName, "photos");

    private string Root => Path.Combine(_folder.FullName, "index");

    public void Dispose()
    {
        _second.Dispose();
        _main.Dispose();
        _folder.Delete(recursive: true);
    }

    private TestEngine With(SecondModelAnalyzer analyzer) => new(Root, services => services.AddSingleton<IPhotoAnalyzer>(analyzer));

    private Task<IndexRunCounts> IndexAsync(TestEngine engine, bool reembed = false) => engine.Get<LibraryMaintenance>().IndexAsync([Photos], null, reembed, null, _ct);

    [Fact]
    public async Task TwoModelsCollections_LiveInOneIndex_AndAreReembeddedIndependently()
    {
        ColourPhotos.Write(Photos);
        var secondId = ModelFingerprint.Of(_second.Manifest);
        string mainId;
        using (var engine = With(new SecondModelAnalyzer(_second, secondId)))
        {
            await IndexAsync(engine);
            mainId = engine.Get<EngineModels>().ModelId;
            using var lease = engine.Get<IndexAccess>().TryLease()!;
            var index = lease.Index;
            Assert.NotEqual(mainId, secondId);
            Assert.Equal((mainId, mainId, secondId), (index.Catalog.ModelOf("images"), index.Catalog.ModelOf("captions"), index.Catalog.ModelOf(SecondModelAnalyzer.Name)));
            var (images, second) = (EmbeddingCollections.ImagesIn(index)!.Vectors, index.Collection(SecondModelAnalyzer.Name)!.Vectors);
            Assert.Equal((4L, 4L), (await images.CountAsync(_ct), await second.CountAsync(_ct)));
            Assert.Equal((_main.Dimension, _second.Dimension), (images.Dimension, second.Dimension));
        }

        // The second model replaced (a new version of it): refused without --reembed, naming its collection.
        var upgraded = new SecondModelAnalyzer(_second, secondId + "-v2");
        using (var engine = With(upgraded))
        {
            var refused = await Assert.ThrowsAsync<ModelMismatchException>(() => IndexAsync(engine));
            Assert.Contains($"'{SecondModelAnalyzer.Name}'", refused.Message, StringComparison.Ordinal);
        }

        // With --reembed, only the second collection is dropped: the main model's vectors stay searchable meanwhile.
        using (var writer = IndexFixture.BackendAt(Root).OpenForWriting([.. AnalyzerCollections.DeclaredBy(StandardAnalyzers.For(_main, IndexFixture.Options())), .. upgraded.Collections], reembed: true))
        {
            Assert.Equal(4, await EmbeddingCollections.ImagesIn(writer)!.Vectors.CountAsync(_ct));
            Assert.Equal(0, await writer.Collection(SecondModelAnalyzer.Name)!.Vectors.CountAsync(_ct));
            Assert.Equal((mainId, secondId + "-v2"), (writer.Catalog.ModelOf("images"), writer.Catalog.ModelOf(SecondModelAnalyzer.Name)));
        }

        using (var engine = With(upgraded))
        {
            Assert.Equal(4, (await IndexAsync(engine)).Embedded);
            using var lease = engine.Get<IndexAccess>().TryLease()!;
            Assert.Equal(4, await lease.Index.Collection(SecondModelAnalyzer.Name)!.Vectors.CountAsync(_ct));
            Assert.Equal(mainId, lease.Index.Catalog.ModelOf("images"));
        }
    }

    /// <summary>A photo's image vector by a second model, in a collection of its own: what a face model's collection is to the index.</summary>
    private sealed class SecondModelAnalyzer(ClipModel model, string modelId) : IPhotoAnalyzer
    {
        public const string Name = "second";

        private readonly CollectionKind _collection = new(Name, model.Dimension, modelId, onePerPhoto: true);

        string IPhotoAnalyzer.Name => "second model";

        public AnalyzerStage Stage => AnalyzerStage.Read;

        public AnalyzerNeeds Needs => new(model.Preprocessor.Options.ShortestEdge);

        public IReadOnlyList<CollectionKind> Collections => [_collection];

        public void Read(PhotoAnalysis photo) => photo.SetVector(_collection, model.EmbedDecoded(photo.Image!));

        public Task<IReadOnlyList<long>> MissingAsync(PhotoIndex index, CancellationToken cancellationToken) =>
            CatchUp.WithoutVectorAsync(index, Name, cancellationToken);
    }
}

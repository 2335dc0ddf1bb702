using Retrieval.Analysis;
using Retrieval.Backends;
using Retrieval.Backends.Local;
using Retrieval.Catalog;
using Retrieval.Hosting;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Models;
using Retrieval.Testing;
using Retrieval.Vectors;

namespace Retrieval.Tests.Indexing;

/// <summary>A temporary photo folder and index root (the local backend), and a way to run the real pipeline over them.</summary>
internal sealed class IndexFixture : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-index-");

    public IndexFixture()
    {
        Photos = Directory.CreateDirectory(Path.Combine(_folder.FullName, "photos")).FullName;
        Paths = new IndexPaths(Path.Combine(_folder.FullName, "index"));
        Backend = BackendAt(Paths.Root);
    }

    public string Photos { get; }

    public IndexPaths Paths { get; }

    /// <summary>The index's backend.</summary>
    public IIndexBackend Backend { get; }

    public static string CocoImages => SharedData.Require("datasets/coco-train-mini/images");

    public static string CocoCaptions => SharedData.Require("datasets/coco-train-mini/captions.json");

    public static string FlickrImages => SharedData.Require("datasets/flickr8k-224/images-partial");

    public static string FlickrCaptions => SharedData.Require("datasets/flickr8k-224/captions.txt");

    /// <summary>The local backend of the index in <paramref name="root"/>.</summary>
    public static IIndexBackend BackendAt(string root) => new LocalIndexBackend(new IndexPaths(root), new VectorStoreOptions());

    /// <summary>Copies <paramref name="count"/> photos (all when null) of <paramref name="source"/> into <paramref name="subfolder"/> of the photo folder.</summary>
    public List<string> CopyPhotos(string source, string subfolder, int? count = null) =>
        TestFiles.Copy(source, Path.Combine(Photos, subfolder), count: count);

    /// <summary>One index run over the photo folder through the real pipeline, with the standard analyzers of <paramref name="model"/> (no text reading).</summary>
    public Task<IndexRunCounts> IndexAsync(ClipModel model, string? captions = null, bool reembed = false, int commitEvery = 256, IProgress<IndexProgress>? progress = null)
    {
        var options = Options(commitEvery);
        return IndexWithAsync(StandardAnalyzers.For(model, options), captions, reembed, options, progress);
    }

    /// <summary>One index run over the photo folder through the real pipeline, with <paramref name="analyzers"/>.</summary>
    public async Task<IndexRunCounts> IndexWithAsync(IReadOnlyList<IPhotoAnalyzer> analyzers, string? captions = null, bool reembed = false, IndexingOptions? options = null,
        IProgress<IndexProgress>? progress = null)
    {
        using var index = Backend.OpenForWriting(AnalyzerCollections.DeclaredBy(analyzers), reembed);
        var pipeline = new IndexingPipeline(index, analyzers, options ?? Options(), new ImagingOptions());
        return await pipeline.RunAsync([Photos], captions is null ? null : CaptionFile.Read(captions), progress, TestContext.Current.CancellationToken);
    }

    /// <summary>The indexing options of the tests: two threads, a commit every <paramref name="commitEvery"/> photos.</summary>
    public static IndexingOptions Options(int commitEvery = 256) => new() { Threads = 2, CommitEvery = commitEvery };

    public void Dispose() => _folder.Delete(recursive: true);
}

using Retrieval.Backends;
using Retrieval.Backends.Local;
using Retrieval.Catalog;
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

    /// <summary>One index run over the photo folder through the real pipeline.</summary>
    public async Task<IndexRunCounts> IndexAsync(ClipModel model, string? captions = null, bool reembed = false, int commitEvery = 256, IProgress<IndexProgress>? progress = null)
    {
        using var index = Backend.OpenForWriting(ModelFingerprint.Of(model.Manifest), model.Dimension, reembed);
        var pipeline = new IndexingPipeline(index, model, new IndexingOptions { Threads = 2, CommitEvery = commitEvery }, new ImagingOptions());
        return await pipeline.RunAsync([Photos], captions is null ? null : CaptionFile.Read(captions), progress, TestContext.Current.CancellationToken);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}

using Retrieval.Catalog;
using Retrieval.Imaging;
using Retrieval.Indexing;
using Retrieval.Models;
using Retrieval.Testing;

namespace Retrieval.Tests.Indexing;

/// <summary>A temporary photo folder and index root, the bundled model, and a way to run the real pipeline over them.</summary>
internal sealed class IndexFixture : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-index-");

    public IndexFixture()
    {
        Photos = Directory.CreateDirectory(Path.Combine(_folder.FullName, "photos")).FullName;
        Paths = new IndexPaths(Path.Combine(_folder.FullName, "index"));
    }

    public string Photos { get; }

    public IndexPaths Paths { get; }

    public static string CocoImages => SharedData.Require("datasets/coco-train-mini/images");

    public static string CocoCaptions => SharedData.Require("datasets/coco-train-mini/captions.json");

    public static string FlickrImages => SharedData.Require("datasets/flickr8k-224/images-partial");

    public static string FlickrCaptions => SharedData.Require("datasets/flickr8k-224/captions.txt");

    public static ClipModel LoadModel(int batch = 32) =>
        ClipModel.Load(new ModelOptions { Path = RepositoryPaths.TinyModel, Device = ExecutionDevice.Cpu, MaxBatchSize = batch });

    /// <summary>Copies <paramref name="count"/> photos (all when null) of <paramref name="source"/> into <paramref name="subfolder"/> of the photo folder.</summary>
    public List<string> CopyPhotos(string source, string subfolder, int? count = null)
    {
        var target = Directory.CreateDirectory(Path.Combine(Photos, subfolder)).FullName;
        var copied = new List<string>();
        foreach (var file in Directory.GetFiles(source, "*.jpg").Order(StringComparer.Ordinal).Take(count ?? int.MaxValue))
        {
            var destination = Path.Combine(target, Path.GetFileName(file));
            File.Copy(file, destination);
            copied.Add(destination);
        }

        return copied;
    }

    /// <summary>One index run over the photo folder through the real pipeline.</summary>
    public async Task<IndexRunCounts> IndexAsync(ClipModel model, string? captions = null, bool reembed = false, int commitEvery = 256, IProgress<IndexProgress>? progress = null)
    {
        using var index = PhotoIndex.OpenForWriting(Paths, ModelFingerprint.Of(model.Manifest), model.Dimension, reembed);
        var pipeline = new IndexingPipeline(index, model, new IndexingOptions { BatchSize = 16, Threads = 2, CommitEvery = commitEvery }, new ImagingOptions());
        return await pipeline.RunAsync([Photos], captions is null ? null : CaptionFile.Read(captions), progress, TestContext.Current.CancellationToken);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}

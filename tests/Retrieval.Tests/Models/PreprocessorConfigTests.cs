using Retrieval.Imaging;
using Retrieval.Models;
using Retrieval.Testing;

namespace Retrieval.Tests.Models;

/// <summary>Both shapes of preprocessor_config.json that exports write, read as Hugging Face's image processors read them.</summary>
public sealed class PreprocessorConfigTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-preprocessor-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    // CLIP, newer shape: {shortest_edge} then a crop, bicubic.
    [InlineData("""{"size": {"shortest_edge": 40}, "crop_size": {"height": 32, "width": 32}, "do_center_crop": true, "resample": 3, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5]}""",
        40, ResizeMode.ShortestThenCrop, ResampleFilter.Bicubic, 1 / 255f)]
    // CLIP, older shape: bare numbers.
    [InlineData("""{"size": 40, "crop_size": 32, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5]}""",
        40, ResizeMode.ShortestThenCrop, ResampleFilter.Bicubic, 1 / 255f)]
    // SigLIP: {height, width}, no crop, bilinear, its own rescale factor.
    [InlineData("""{"size": {"height": 32, "width": 32}, "resample": 2, "do_rescale": true, "rescale_factor": 0.00392156862745098, "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5]}""",
        32, ResizeMode.Squash, ResampleFilter.Bilinear, 1 / 255f)]
    // No rescale: the graph takes bytes' values.
    [InlineData("""{"size": {"height": 32, "width": 32}, "do_rescale": false, "image_mean": 0.5, "image_std": 0.5}""",
        32, ResizeMode.Squash, ResampleFilter.Bicubic, 1f)]
    public void BothShapes_AreRead_AndTheModelEmbedsWithThem(string config, int shortest, ResizeMode resize, ResampleFilter filter, float rescale)
    {
        var model = Path.Combine(_folder.FullName, "model");
        TestFiles.CopyTree(Path.Combine(RepositoryPaths.Replicas, "models", "xenova-clip"), model);
        File.WriteAllText(Path.Combine(model, "preprocessor_config.json"), config);
        var preprocess = ModelManifest.Load(model).Preprocess;
        Assert.Equal((shortest, 32, 32, resize, filter), (preprocess.ShortestEdge, preprocess.CropHeight, preprocess.CropWidth, preprocess.Resize, preprocess.Filter));
        Assert.Equal(rescale, preprocess.RescaleFactor, 1e-7f);
        Assert.Equal([0.5f, 0.5f, 0.5f], preprocess.Mean);

        using var loaded = ClipModel.Load(new ModelOptions { Path = model, Device = ExecutionDevice.Cpu });
        var vector = loaded.EmbedImageFiles([Path.Combine(RepositoryPaths.Replicas, "images", "landscape.jpg")], new ImageDecoder(new ImagingOptions()), TestContext.Current.CancellationToken)[0];
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 4);
    }
}

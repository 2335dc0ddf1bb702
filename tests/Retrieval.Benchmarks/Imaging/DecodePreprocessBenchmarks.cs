using BenchmarkDotNet.Attributes;
using Retrieval.Imaging;

namespace Retrieval.Benchmarks.Imaging;

/// <summary>Decode + CLIP preprocessing of one JPEG into a reused tensor, on one core.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class DecodePreprocessBenchmarks
{
    private readonly ImagePreprocessor _preprocessor = new(PreprocessOptions.OpenAiClip(224));
    private readonly ImageDecoder _scaled = new(new ImagingOptions());
    private readonly ImageDecoder _full = new(new ImagingOptions { ScaledDecodeMinRatio = 0 });
    private float[] _tensor = [];
    private string _path = "";

    [Params("224px", "12MP")]
    public string Photo { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _tensor = new float[_preprocessor.Options.TensorLength];
        _path = Photo == "12MP" ? BenchmarkInputs.TwelveMegapixelJpeg() : BenchmarkInputs.SmallJpeg();
    }

    [Benchmark(Baseline = true, Description = "full decode + preprocess")]
    public void FullDecode() => Run(_full);

    [Benchmark(Description = "scaled decode + preprocess (default)")]
    public void ScaledDecode() => Run(_scaled);

    private void Run(ImageDecoder decoder)
    {
        using var image = decoder.DecodeFile(_path, 224);
        _preprocessor.Preprocess(image, _tensor);
    }
}

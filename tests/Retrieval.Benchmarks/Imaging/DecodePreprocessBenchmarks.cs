using BenchmarkDotNet.Attributes;
using Retrieval.Imaging;

namespace Retrieval.Benchmarks.Imaging;

/// <summary>Decode + CLIP preprocessing of one JPEG into a reused tensor, on one core.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class DecodePreprocessBenchmarks
{
    private readonly ImagePreprocessor _preprocessor = new(PreprocessOptions.OpenAiClip(224));
    private ImageDecoder? _scaled;
    private ImageDecoder? _full;
    private float[] _tensor = [];
    private string _path = "";

    /// <summary>224px: a photo at model size; 12MP: a mosaic of real photos (dense detail, 3.6 MB);
    /// 12MP-upscaled: one photo resampled to 12 MP (smooth, like an out-of-focus camera shot).</summary>
    [Params("224px", "12MP", "12MP-upscaled")]
    public string Photo { get; set; } = "";

    /// <summary>JPEG decoder: the system libturbojpeg (SIMD), or SkiaSharp's bundled libjpeg.</summary>
    [Params("turbojpeg", "skia")]
    public string Decoder { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var turbo = Decoder == "turbojpeg";
        _scaled = new ImageDecoder(new ImagingOptions { UseTurboJpeg = turbo });
        _full = new ImageDecoder(new ImagingOptions { UseTurboJpeg = turbo, ScaledDecodeMinRatio = 0 });
        _tensor = new float[_preprocessor.Options.TensorLength];
        _path = Photo switch
        {
            "12MP" => BenchmarkInputs.TwelveMegapixelJpeg(),
            "12MP-upscaled" => BenchmarkInputs.TwelveMegapixelUpscaledJpeg(),
            _ => BenchmarkInputs.SmallJpeg(),
        };
    }

    [Benchmark(Baseline = true, Description = "full decode + preprocess")]
    public void FullDecode() => Run(_full!);

    [Benchmark(Description = "scaled decode + preprocess (default)")]
    public void ScaledDecode() => Run(_scaled!);

    private void Run(ImageDecoder decoder)
    {
        using var image = decoder.DecodeFile(_path, 224);
        _preprocessor.Preprocess(image, _tensor);
    }
}

using System.Runtime.InteropServices;
using System.Text.Json;
using Retrieval.Imaging;

namespace Retrieval.Tests.Imaging;

public sealed class GoldenPreprocessTests
{
    public static TheoryData<string> Images => new("landscape.jpg", "portrait_exif6.jpg", "alpha.png", "small_gray.bmp", "animated.gif", "photo.webp");

    [Theory]
    [MemberData(nameof(Images))]
    public void Preprocess_MatchesReferenceTensorWithinTolerance(string image)
    {
        var (meanAbs, maxAbs) = Compare(image, new ImagingOptions());
        TestContext.Current.SendDiagnosticMessage($"{image}: mean |diff| {meanAbs:0.00000}, max {maxAbs:0.00000}");
        Assert.True(meanAbs < 0.01 && maxAbs < 0.1, $"{image}: mean |diff| {meanAbs:0.0000} (< 0.01), max {maxAbs:0.0000} (< 0.1)");
    }

    [Theory]
    [InlineData("landscape.jpg")]
    [InlineData("portrait_exif6.jpg")]
    public void Preprocess_WithSkiaJpegDecoder_MatchesReferenceTensorWithinTolerance(string image)
    {
        var (meanAbs, maxAbs) = Compare(image, new ImagingOptions { UseTurboJpeg = false });
        Assert.True(meanAbs < 0.01 && maxAbs < 0.1, $"{image}: mean |diff| {meanAbs:0.0000} (< 0.01), max {maxAbs:0.0000} (< 0.1)");
    }

    internal static (double MeanAbs, double MaxAbs) Compare(string image, ImagingOptions imaging)
    {
        var spec = ReadSpec();
        var reference = ReadTensor(SharedData.Require($"golden/preprocess/{Path.GetFileNameWithoutExtension(image)}.f32"));
        var preprocessor = new ImagePreprocessor(spec);
        using var decoded = new ImageDecoder(imaging).DecodeFile(SharedData.Require($"golden/images/{image}"), spec.ShortestEdge);
        var actual = new float[spec.TensorLength];
        preprocessor.Preprocess(decoded, actual);

        return ReferenceVectors.Difference(reference, actual);
    }

    private static PreprocessOptions ReadSpec()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SharedData.Require("golden/preprocess.json")));
        var root = json.RootElement;
        var size = root.GetProperty("size").GetInt32();
        return new PreprocessOptions
        {
            ShortestEdge = size,
            CropHeight = size,
            CropWidth = size,
            Mean = root.GetProperty("mean").EnumerateArray().Select(e => e.GetSingle()).ToArray(),
            Std = root.GetProperty("std").EnumerateArray().Select(e => e.GetSingle()).ToArray(),
        };
    }

    private static float[] ReadTensor(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
}

using Retrieval.Testing;
using Retrieval.Imaging;

namespace Retrieval.Tests.Imaging;

/// <summary>
/// A 12-megapixel JPEG decoded at reduced scale (libjpeg DCT scaling) must give the model nearly the
/// same tensor as a full decode: within the golden preprocessing tolerance at the default ratio.
/// </summary>
public sealed class ScaledDecodeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-scaled-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TwelveMegapixelJpeg_AtDefaultRatio_MatchesFullDecodeWithinTolerance()
    {
        var photo = Path.Combine(_folder.FullName, "mosaic-12mp.jpg");
        PhotoMosaic.Write(photo, 4000, 3000, PhotoMosaic.SamplePhotos());
        var preprocessor = new ImagePreprocessor(PreprocessOptions.OpenAiClip(224));
        var full = Preprocess(photo, preprocessor, new ImagingOptions { ScaledDecodeMinRatio = 0 }, out var fullSize);
        Assert.Equal((4000, 3000), fullSize);

        var scaled = Preprocess(photo, preprocessor, new ImagingOptions(), out var scaledSize);
        Assert.True(scaledSize.Width < 4000, "the default options should decode a 12 MP JPEG at reduced scale");
        var (meanAbs, maxAbs) = ReferenceVectors.Difference(full, scaled);
        TestContext.Current.SendDiagnosticMessage($"12 MP scaled decode at {scaledSize}: mean |diff| {meanAbs:0.00000}, max {maxAbs:0.00000}");
        Assert.True(meanAbs < 0.01 && maxAbs < 0.1, $"decoded at {scaledSize}: mean |diff| {meanAbs}, max {maxAbs}");
    }

    private static float[] Preprocess(string path, ImagePreprocessor preprocessor, ImagingOptions options, out (int Width, int Height) decoded)
    {
        using var image = new ImageDecoder(options).DecodeFile(path, preprocessor.Options.ShortestEdge);
        decoded = (image.Width, image.Height);
        var tensor = new float[preprocessor.Options.TensorLength];
        preprocessor.Preprocess(image, tensor);
        return tensor;
    }
}

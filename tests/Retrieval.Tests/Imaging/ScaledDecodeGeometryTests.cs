using Retrieval.Imaging;

namespace Retrieval.Tests.Imaging;

/// <summary>
/// A JPEG decoded at a reduced scale must be resampled with the full image's geometry: the resized size and
/// the crop come from the original upright size, and the filters read the reduced grid by the exact scale
/// factor. libjpeg rounds the reduced size up, so geometry taken from it drifts (a 500 x 333 photo at 1/2
/// is 250 x 167, not 250 x 166.5) and the crop moves; the references below are Pillow's.
/// </summary>
public sealed class ScaledDecodeGeometryTests
{
    public static TheoryData<int> Cases => new(Enumerable.Range(0, ScaledDecodeReference.All.Count));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScaledDecode_MatchesPillowFullDecodeWithinTolerance(int index)
    {
        var reference = ScaledDecodeReference.All[index];
        foreach (var turbo in (bool[])[true, false])
        {
            var (tensor, reduction) = Preprocess(reference, new ImagingOptions { UseTurboJpeg = turbo });
            Assert.Equal(reference.Scale, reduction);
            var (meanAbs, maxAbs) = ReferenceVectors.Difference(ScaledDecodeReference.Tensor(reference.Full, Options(reference)), tensor);
            TestContext.Current.SendDiagnosticMessage($"{reference.Name}, 1/{reduction}, turbo {turbo}: against Pillow's full decode mean |diff| {meanAbs:0.00000}, max {maxAbs:0.00000}");
            Assert.True(meanAbs < 0.01 && maxAbs < 0.1, $"{reference.Name} (turbo {turbo}): mean |diff| {meanAbs:0.0000} (< 0.01), max {maxAbs:0.0000} (< 0.1)");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScaledDecode_EqualsPillowDraftWithBoxBitForBit(int index)
    {
        // Pillow's draft() uses the same libjpeg scaled IDCT; resize(box=(0, 0, W/s, H/s)) is the exact mapping.
        var reference = ScaledDecodeReference.All[index];
        foreach (var turbo in (bool[])[true, false])
        {
            var (tensor, _) = Preprocess(reference, new ImagingOptions { UseTurboJpeg = turbo });
            var (meanAbs, maxAbs) = ReferenceVectors.Difference(ScaledDecodeReference.Tensor(reference.Draft, Options(reference)), tensor);
            Assert.True(maxAbs < 1e-5, $"{reference.Name} (turbo {turbo}): mean |diff| {meanAbs}, max {maxAbs} against Pillow's draft + box");
        }
    }

    [Fact]
    public void FullDecode_StillEqualsPillowFullDecodeBitForBit()
    {
        foreach (var reference in ScaledDecodeReference.All)
        {
            var (tensor, reduction) = Preprocess(reference, new ImagingOptions { ScaledDecodeMinRatio = 0 });
            Assert.Equal(1, reduction);
            var (_, maxAbs) = ReferenceVectors.Difference(ScaledDecodeReference.Tensor(reference.Full, Options(reference)), tensor);
            Assert.True(maxAbs < 1e-5, $"{reference.Name}: max |diff| {maxAbs}");
        }
    }

    private static PreprocessOptions Options(ScaledDecodeReference reference) => PreprocessOptions.OpenAiClip(reference.Size);

    private static (float[] Tensor, int Reduction) Preprocess(ScaledDecodeReference reference, ImagingOptions imaging)
    {
        var preprocessor = new ImagePreprocessor(Options(reference));
        using var image = new ImageDecoder(imaging).Decode(reference.JpegBytes(), reference.Name, reference.Size);
        var tensor = new float[preprocessor.Options.TensorLength];
        preprocessor.Preprocess(image, tensor);
        return (tensor, image.Reduction);
    }
}

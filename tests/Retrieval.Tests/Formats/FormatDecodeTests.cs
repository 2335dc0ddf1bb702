using Retrieval.Imaging;
using Retrieval.Indexing;

namespace Retrieval.Tests.Formats;

/// <summary>
/// Every file of the format set decoded as the indexer decodes it: upright at the size the reference tools give, its
/// pixels within 2/255 of the reference decode (mean absolute difference after the same box reduction), and its date,
/// camera and position as exiftool reads them.
/// </summary>
public sealed class FormatDecodeTests
{
    private static readonly ImageDecoder Decoder = new(new ImagingOptions());

    [Theory]
    [MemberData(nameof(FormatSet.Names), MemberType = typeof(FormatSet))]
    public void EachFile_DecodesUpright_AsTheReferenceToolDoes(string file)
    {
        var entry = FormatSet.Of(file);
        using var image = Decoder.DecodeFile(entry.Path);
        using var reference = Decoder.DecodeFile(entry.ReferencePath);

        Assert.Equal((entry.Width, entry.Height), (image.Width, image.Height));
        var difference = BoxReduced.MeanAbsoluteDifference(image, entry.ReferenceScale, reference);
        TestContext.Current.SendDiagnosticMessage($"{file} ({image.Format}): mean |diff| {difference:0.00} of 255 against {entry.Reference}");
        Assert.True(difference <= 2.0, $"{file}: mean absolute difference {difference:0.00} of 255 from the reference decode");
        Assert.Equal(entry.Format.ToLowerInvariant(), image.Format);
    }

    [Theory]
    [MemberData(nameof(FormatSet.Names), MemberType = typeof(FormatSet))]
    public void EachFile_Metadata_IsExiftools(string file)
    {
        var entry = FormatSet.Of(file);
        var metadata = PhotoMetadataReader.Read(File.ReadAllBytes(entry.Path));

        Assert.Equal(entry.TakenAt, metadata.TakenAt);
        Assert.Equal(entry.Make, metadata.CameraMake);
        Assert.Equal(entry.Model, metadata.CameraModel);
        Assert.Equal(entry.Latitude ?? double.NaN, metadata.Latitude ?? double.NaN, 5);
        Assert.Equal(entry.Longitude ?? double.NaN, metadata.Longitude ?? double.NaN, 5);
    }
}

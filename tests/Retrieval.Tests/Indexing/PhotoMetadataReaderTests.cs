using System.Buffers.Binary;
using Retrieval.Catalog;
using Retrieval.Indexing;
using Retrieval.Testing;

namespace Retrieval.Tests.Indexing;

public sealed class PhotoMetadataReaderTests
{
    private static readonly string Tagged = Path.Combine(RepositoryPaths.TestData, "metadata", "tagged.jpg");

    [Fact]
    public void TaggedJpeg_GivesDateCameraGpsCaptionsAndKeywords()
    {
        var metadata = PhotoMetadataReader.Read(File.ReadAllBytes(Tagged));
        Assert.Equal(new DateTime(2021, 7, 4, 18, 30, 5), metadata.TakenAt);
        Assert.Equal("FUJIFILM", metadata.CameraMake);
        Assert.Equal("X-T3", metadata.CameraModel);
        Assert.Equal(1, metadata.Orientation);
        Assert.Equal(52 + (22 / 60.0) + (12 / 3600.0), metadata.Latitude!.Value, 6);
        Assert.Equal(4 + (53 / 60.0) + (24 / 3600.0), metadata.Longitude!.Value, 6);
        Assert.Equal(
            [new CaptionText("Bicycle by the canal at dusk", "exif"), new CaptionText("A red bicycle leaning on a lamp post by the canal", "xmp"),
                new CaptionText("Evening ride along the Prinsengracht", "iptc")],
            metadata.Captions);
        Assert.Equal(["canal", "evening", "bicycle", "Amsterdam"], metadata.Tags.Select(t => t.Tag));
    }

    [Theory]
    [InlineData(48.8584, 2.2945)]
    [InlineData(-33.8568, 151.2153)]
    [InlineData(40.6892, -74.0445)]
    [InlineData(-22.9519, -43.2105)]
    public void AWrittenDateCameraAndPosition_AreReadBack(double latitude, double longitude)
    {
        // The EXIF the browse tests write into their photos, read as the indexer reads it: every hemisphere's sign survives.
        var jpeg = ExifJpeg.WithDateAndCamera(File.ReadAllBytes(PhotoMosaic.SamplePhotos()[0]), new DateTime(2019, 7, 14, 10, 30, 0), "Canon", "Canon EOS R5", (latitude, longitude));
        var metadata = PhotoMetadataReader.Read(jpeg);
        Assert.Equal(new DateTime(2019, 7, 14, 10, 30, 0), metadata.TakenAt);
        Assert.Equal(("Canon", "Canon EOS R5"), (metadata.CameraMake, metadata.CameraModel));
        Assert.Equal(latitude, metadata.Latitude!.Value, 5);
        Assert.Equal(longitude, metadata.Longitude!.Value, 5);
    }

    [Fact]
    public void NoOrDamagedMetadata_IsSimplyAbsent()
    {
        Assert.Empty(PhotoMetadataReader.Read("not an image at all"u8.ToArray()).Captions);
        var plain = PhotoMetadataReader.Read(File.ReadAllBytes(PhotoMosaic.SamplePhotos()[0]));
        Assert.Null(plain.TakenAt);
        Assert.Empty(plain.Tags);
    }

    [Theory]
    [InlineData(0u)] // 0/0: no number (MetadataExtractor reads it as 0)
    [InlineData(48u)] // 48/0: infinite
    public void AGpsRationalWithAZeroDenominator_IsNoPosition(uint numerator)
    {
        // Paris from the place set, its latitude's degrees (48/1, big-endian as exiftool writes them) made n/0.
        var jpeg = File.ReadAllBytes(Path.Combine(PlacesSet.Files, "town-europe.jpg"));
        Assert.Equal(48.853, PhotoMetadataReader.Read(jpeg).Latitude!.Value, 6);
        var degrees = new byte[24];
        foreach (var (value, at) in ((uint, int)[])[(48, 0), (1, 4), (51, 8), (1, 12), (54, 16), (5, 20)])
        {
            BinaryPrimitives.WriteUInt32BigEndian(degrees.AsSpan(at), value);
        }

        var offset = jpeg.AsSpan().IndexOf(degrees);
        Assert.True(offset > 0, "the latitude 48/1 51/1 54/5 is not in town-europe.jpg");
        BinaryPrimitives.WriteUInt32BigEndian(jpeg.AsSpan(offset), numerator);
        BinaryPrimitives.WriteUInt32BigEndian(jpeg.AsSpan(offset + 4), 0);

        var metadata = PhotoMetadataReader.Read(jpeg);

        Assert.Equal((null, null), (metadata.Latitude, metadata.Longitude));
        Assert.Equal(new DateTime(2013, 5, 18, 13, 42, 10), metadata.TakenAt); // the rest is read as before
    }

    [Theory]
    [InlineData("latitude-95.jpg")]
    [InlineData("longitude-200.jpg")]
    public void APositionOffTheGlobe_IsNoPosition(string file)
    {
        // The place set writes latitude 95 and longitude 202.14 (which would wrap to Honolulu) byte by byte.
        var metadata = PhotoMetadataReader.Read(File.ReadAllBytes(Path.Combine(Retrieval.Testing.RepositoryPaths.Root, "tests", "places-set", "files", file)));
        Assert.Equal((null, null), (metadata.Latitude, metadata.Longitude));
        Assert.NotNull(metadata.TakenAt);
    }
}

using Retrieval.Faces;
using Retrieval.Imaging;
using Retrieval.Testing;
using SkiaSharp;

namespace Retrieval.Tests.Faces;

/// <summary>
/// Photos that break naive face finding read without error, bounded: a crowd of 200 faces, a face cut by the frame, a
/// photo stored turned with an EXIF orientation, tiny faces, a painting and a statue, an all-black image and strips.
/// </summary>
public sealed class FaceBadInputTests : IDisposable
{
    private const string Person = "photos/000000256353.jpg";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("retrieval-faces-bad-");
    private readonly PhotoFaceReader _reader = FaceSet.OpenReader(new FaceOptions());

    public void Dispose()
    {
        _reader.Dispose();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public void APhotoOf200Faces_IsBoundedToMaxFacesPerPhoto_TheLargestFirst()
    {
        using var crowd = Decode(Crowd(columns: 20, rows: 10, tile: 80), "crowd.png");
        var faces = Read(crowd);
        Assert.Equal(new FaceOptions().MaxFacesPerPhoto, faces.Count);
        Assert.True(faces.Zip(faces.Skip(1)).All(p => p.First.Box.Area >= p.Second.Box.Area), "the largest faces come first");
        Assert.All(faces, f => Assert.True(Inside(f.Box, crowd), $"{f.Box} lies in the photo"));
    }

    [Fact]
    public void AFaceCutByTheFrame_IsFoundAtTheEdge_AndStillDescribesItsPerson()
    {
        using var whole = FaceSet.Decode(Person);
        var person = Read(whole)[0];
        using var cut = FaceSet.Decode("derived/edge-cut.jpg");
        var faces = Read(cut);

        var atEdge = Assert.Single(faces, f => f.Box.X < 8);
        Assert.True(atEdge.Box.ShortSide > 80, $"the cut face {atEdge.Box} is the large one");
        Assert.True(FaceSet.Distance(atEdge.Descriptor, person.Descriptor) < 0.6, "the cut face is the same person as the whole one");
        Assert.All(faces, f => Assert.True(Inside(f.Box, cut), $"{f.Box} lies in the photo"));
    }

    [Fact]
    public void APhotoStoredTurnedWithItsExifOrientation_GivesTheUprightPhotosFaces()
    {
        using var upright = FaceSet.Decode(Person);
        using var turned = FaceSet.Decode("derived/turned-exif-6.jpg");
        var expected = Read(upright);
        var faces = Read(turned);

        Assert.Equal((upright.Width, upright.Height), (turned.Width, turned.Height));
        Assert.Equal(expected.Count, faces.Count);
        foreach (var (face, original) in faces.Zip(expected))
        {
            Assert.True(Math.Abs(face.Box.X - original.Box.X) < 2 && Math.Abs(face.Box.Y - original.Box.Y) < 2, $"{face.Box} where the upright photo has {original.Box}");
            Assert.True(FaceSet.Cosine(face.Descriptor, original.Descriptor) >= 0.99, $"the face at {original.Box}: cosine {FaceSet.Cosine(face.Descriptor, original.Descriptor):0.####}");
        }
    }

    [Theory]
    [InlineData("photos/000000174375.jpg")]
    [InlineData("photos/000000129648.jpg")]
    public void TinyFaces_AreSkipped(string file)
    {
        using var image = FaceSet.Decode(file);
        Assert.All(FaceSet.Reference[file], face => Assert.True(face.Box.ShortSide < new FaceOptions().MinFaceSize));
        Assert.NotEmpty(FaceSet.Reference[file]);
        Assert.Empty(Read(image));
    }

    [Theory]
    [InlineData("derived/painted.jpg")]
    [InlineData("derived/statue.jpg")]
    public void APaintingOrAStatue_IsReadLikeAPhoto(string file)
    {
        using var image = FaceSet.Decode(file);
        var face = Assert.Single(Read(image));
        Assert.True(face.Box.ShortSide > 100, $"the portrait's face {face.Box}");
        Assert.Equal(FaceItem.KeyPointCount, FaceItem.Of(face).KeyPoints.Count);
    }

    [Theory]
    [InlineData(1, 5000)]
    [InlineData(5000, 1)]
    [InlineData(640, 480)]
    public void AStripOrABlackImage_HasNoFaces(int width, int height)
    {
        var path = Path.Combine(_folder.FullName, $"black-{width}x{height}.png");
        File.WriteAllBytes(path, TestPng.AllZero(width, height));
        using var image = new ImageDecoder(new ImagingOptions()).DecodeFile(path);
        Assert.Empty(Read(image));
    }

    private static bool Inside(FaceBox box, RgbaImage image) => box.X >= 0 && box.Y >= 0 && box.X + box.Width <= image.Width && box.Y + box.Height <= image.Height;

    private IReadOnlyList<Face> Read(RgbaImage image) => _reader.Read(image, TestContext.Current.CancellationToken);

    /// <summary>The large face of the person photo, tiled <paramref name="columns"/> × <paramref name="rows"/> at <paramref name="tile"/> pixels.</summary>
    private static SKBitmap Crowd(int columns, int rows, int tile)
    {
        using var person = SKImage.FromEncodedData(Path.Combine(RepositoryPaths.FaceSet, Person));
        var crowd = new SKBitmap(columns * tile, rows * tile);
        using var canvas = new SKCanvas(crowd);
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                canvas.DrawImage(person, new SKRect(0, 0, 175, 165), new SKRect(column * tile, row * tile, (column + 1) * tile, (row + 1) * tile), new SKSamplingOptions(SKCubicResampler.Mitchell));
            }
        }

        return crowd;
    }

    private RgbaImage Decode(SKBitmap bitmap, string name)
    {
        var path = Path.Combine(_folder.FullName, name);
        using (bitmap)
        using (var png = bitmap.Encode(SKEncodedImageFormat.Png, 100))
        using (var file = File.Create(path))
        {
            png.SaveTo(file);
        }

        return new ImageDecoder(new ImagingOptions()).DecodeFile(path);
    }
}

using Retrieval.Imaging;

namespace Retrieval.Faces;

/// <summary>Positions in a decoded image taken to the photo's own full-size pixels (a JPEG may be decoded reduced).</summary>
internal static class FullPixels
{
    /// <summary><paramref name="box"/>, found in <paramref name="image"/>, in the full-size photo's pixels.</summary>
    public static FaceBox Of(RgbaImage image, FaceBox box)
    {
        var corner = Of(image, new FacePoint(box.X, box.Y));
        return new FaceBox(corner.X, corner.Y, box.Width * image.Reduction, box.Height * image.Reduction);
    }

    /// <summary><paramref name="point"/>, found in <paramref name="image"/>, in the full-size photo's pixels.</summary>
    public static FacePoint Of(RgbaImage image, FacePoint point) =>
        new((point.X - image.OriginX) * image.Reduction, (point.Y - image.OriginY) * image.Reduction);
}

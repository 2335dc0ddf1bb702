using System.Globalization;
using Retrieval.Faces;

namespace Retrieval.Hosting;

/// <summary>
/// A square cut from a photo for its thumbnail: around a face's box (<see cref="Box"/>, in the upright photo's pixels,
/// the photo <see cref="Width"/> × <see cref="Height"/> when the catalog knows them), <see cref="Margin"/> times its longer
/// side, moved to stay inside the photo — a person's face as the people view shows it.
/// </summary>
public sealed record ThumbnailCrop(FaceBox Box, int? Width, int? Height)
{
    /// <summary>How much larger than the face's longer side the square is: the hair and the chin in, little else.</summary>
    public const double Margin = 1.6;

    /// <summary>What tells this crop apart in a thumbnail's tag (the cache's file name): another box is another thumbnail.</summary>
    public string Tag => string.Create(CultureInfo.InvariantCulture, $"-c{Math.Round(Box.X)}_{Math.Round(Box.Y)}_{Math.Round(Box.Width)}_{Math.Round(Box.Height)}");

    /// <summary>
    /// The shorter side to decode the photo at so that the square keeps at least <paramref name="size"/> pixels: a large photo
    /// still decodes at a reduced scale when its face is large; 0 (in full) when the photo's size is unknown.
    /// </summary>
    public int DecodeShortSide(int size) =>
        Width is { } width && Height is { } height ? (int)Math.Ceiling(Math.Min(width, height) * Math.Min(1.0, size / Side(width, height))) : 0;

    /// <summary>The longest side to read a video's frame at so that the square keeps at least <paramref name="size"/> pixels.</summary>
    public int FrameSide(int size, int fallback) =>
        Width is { } width && Height is { } height ? Math.Clamp((int)Math.Ceiling(Math.Max(width, height) * Math.Min(1.0, size / Side(width, height))), fallback, Math.Max(width, height)) : fallback;

    /// <summary>The square in the pixels of the photo as decoded (<paramref name="decodedWidth"/> × <paramref name="decodedHeight"/>, at any scale).</summary>
    public (int X, int Y, int Side) In(int decodedWidth, int decodedHeight)
    {
        // The box is in the photo's own pixels; the decode may be smaller (a reduced-scale JPEG, a video frame).
        var scale = Width is { } width && width > 0 ? (double)decodedWidth / width : 1.0;
        var side = Math.Min(Side(decodedWidth / scale, decodedHeight / scale) * scale, Math.Min(decodedWidth, decodedHeight));
        var x = Math.Clamp(((Box.X + (Box.Width / 2)) * scale) - (side / 2), 0, decodedWidth - side);
        var y = Math.Clamp(((Box.Y + (Box.Height / 2)) * scale) - (side / 2), 0, decodedHeight - side);
        var whole = Math.Max(1, (int)Math.Floor(side));
        return ((int)Math.Floor(x), (int)Math.Floor(y), Math.Min(whole, Math.Min(decodedWidth - (int)Math.Floor(x), decodedHeight - (int)Math.Floor(y))));
    }

    /// <summary>The square's side in the photo's pixels: the margin around the face, no larger than the photo allows.</summary>
    private double Side(double width, double height) => Math.Max(1, Math.Min(Margin * Math.Max(Box.Width, Box.Height), Math.Min(width, height)));
}

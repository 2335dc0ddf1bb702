using Retrieval.Imaging;

namespace Retrieval.Video;

/// <summary>What a frame shows at a glance: whether it is flat (black, white, one colour), which makes a poor stand-in for a video.</summary>
public static class FrameContent
{
    // Below this spread of brightness (0-255) a frame shows nothing: a fade, a black or white card.
    private const double FlatDeviation = 8;

    /// <summary>Whether <paramref name="image"/>'s brightness hardly varies, judged on a sample of its pixels.</summary>
    public static bool IsFlat(RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var pixels = image.Pixels;
        var step = Math.Max(1, Math.Min(image.Width, image.Height) / 32);
        double sum = 0, squares = 0;
        var count = 0;
        for (var y = 0; y < image.Height; y += step)
        {
            var row = pixels.Slice(y * image.Width * 4, image.Width * 4);
            for (var x = 0; x < image.Width; x += step)
            {
                var luma = (0.299 * row[x * 4]) + (0.587 * row[(x * 4) + 1]) + (0.114 * row[(x * 4) + 2]);
                sum += luma;
                squares += luma * luma;
                count++;
            }
        }

        var mean = sum / count;
        return Math.Sqrt(Math.Max(0, (squares / count) - (mean * mean))) < FlatDeviation;
    }
}

using Retrieval.Imaging;

namespace Retrieval.Tests.Formats;

/// <summary>An image reduced as Pillow's <c>Image.reduce(k)</c> does (each pixel the mean of a k × k block; edge blocks of what is there), compared with a reference.</summary>
internal static class BoxReduced
{
    /// <summary>The mean absolute difference, in 0–255 units over R, G and B, of <paramref name="image"/> box-reduced by <paramref name="scale"/> and <paramref name="reference"/>.</summary>
    public static double MeanAbsoluteDifference(RgbaImage image, int scale, RgbaImage reference)
    {
        var (width, height) = ((image.Width + scale - 1) / scale, (image.Height + scale - 1) / scale);
        Assert.Equal((width, height), (reference.Width, reference.Height));
        var pixels = image.Pixels;
        var expected = reference.Pixels;
        double total = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    double sum = 0;
                    var count = 0;
                    for (var dy = 0; dy < scale && (y * scale) + dy < image.Height; dy++)
                    {
                        for (var dx = 0; dx < scale && (x * scale) + dx < image.Width; dx++)
                        {
                            sum += pixels[(((((y * scale) + dy) * image.Width) + (x * scale) + dx) * 4) + c];
                            count++;
                        }
                    }

                    total += Math.Abs((sum / count) - expected[(((y * width) + x) * 4) + c]);
                }
            }
        }

        return total / (width * height * 3);
    }
}

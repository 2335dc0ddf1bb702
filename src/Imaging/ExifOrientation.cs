using System.Runtime.InteropServices;
using SkiaSharp;

namespace Retrieval.Imaging;

/// <summary>Turns pixels stored sideways or mirrored (EXIF Orientation 2-8) upright, as the camera meant them.</summary>
internal static class ExifOrientation
{
    /// <summary>Returns <paramref name="stored"/> itself when already upright, else a new upright image (disposing the stored one).</summary>
    public static RgbaImage Apply(RgbaImage stored, SKEncodedOrigin origin)
    {
        var (w, h) = (stored.Width, stored.Height);
        // Each orientation is a walk over the stored pixels: where upright (0, 0) comes from, and how far
        // one step right and one step down in the upright image moves in the stored one.
        (int Start, int StepX, int StepY, bool Swap) walk = origin switch
        {
            SKEncodedOrigin.TopRight => (w - 1, -1, w, false),
            SKEncodedOrigin.BottomRight => ((h * w) - 1, -1, -w, false),
            SKEncodedOrigin.BottomLeft => ((h - 1) * w, 1, -w, false),
            SKEncodedOrigin.LeftTop => (0, w, 1, true),
            SKEncodedOrigin.RightTop => ((h - 1) * w, -w, 1, true),
            SKEncodedOrigin.RightBottom => ((h * w) - 1, -w, -1, true),
            SKEncodedOrigin.LeftBottom => (w - 1, w, -1, true),
            _ => (0, 0, 0, false),
        };
        if (walk.StepX == 0)
        {
            return stored;
        }

        var upright = Upright(stored, walk.Swap, reverseX: walk.StepX < 0, reverseY: walk.StepY < 0);
        ReadOnlySpan<uint> source = MemoryMarshal.Cast<byte, uint>(stored.Pixels);
        var target = MemoryMarshal.Cast<byte, uint>(upright.Pixels);
        for (var y = 0; y < upright.Height; y++)
        {
            var index = walk.Start + (y * walk.StepY);
            var row = target.Slice(y * upright.Width, upright.Width);
            for (var x = 0; x < row.Length; x++, index += walk.StepX)
            {
                row[x] = source[index];
            }
        }

        stored.Dispose();
        return upright;
    }

    /// <summary>
    /// The empty upright image: sizes swapped when the orientation turns the picture a quarter, and where an
    /// axis runs backwards, the full image's span (origin and extent) mirrored with it.
    /// </summary>
    private static RgbaImage Upright(RgbaImage stored, bool swap, bool reverseX, bool reverseY)
    {
        var (width, height, fullWidth, fullHeight, originX, originY) = swap
            ? (stored.Height, stored.Width, stored.FullHeight, stored.FullWidth, stored.OriginY, stored.OriginX)
            : (stored.Width, stored.Height, stored.FullWidth, stored.FullHeight, stored.OriginX, stored.OriginY);
        var reduction = stored.Reduction;
        return new RgbaImage(width, height, fullWidth, fullHeight, reduction,
            reverseX ? width - originX - ((double)fullWidth / reduction) : originX,
            reverseY ? height - originY - ((double)fullHeight / reduction) : originY)
        {
            Format = stored.Format,
        };
    }
}

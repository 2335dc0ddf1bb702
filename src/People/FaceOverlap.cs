using System.Globalization;
using Retrieval.Faces;

namespace Retrieval.People;

/// <summary>
/// A face's box as a decision about it keeps it ("x,y,w,h"), and how much two boxes overlap: when a photo is read again
/// its new faces take over the decisions about the old faces they cover.
/// </summary>
public static class FaceOverlap
{
    /// <summary>How much a new face must overlap an old one (intersection over union) to take over its decision.</summary>
    public const double SameFace = 0.5;

    /// <summary>The box as text.</summary>
    public static string Format(FaceBox box) =>
        string.Create(CultureInfo.InvariantCulture, $"{box.X:0.#},{box.Y:0.#},{box.Width:0.#},{box.Height:0.#}");

    /// <summary>The box <paramref name="text"/> holds, or null when it holds none.</summary>
    public static FaceBox? Parse(string? text) =>
        text?.Split(',') is [var x, var y, var w, var h]
        && double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var left) && double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var top)
        && double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out var width) && double.TryParse(h, NumberStyles.Float, CultureInfo.InvariantCulture, out var height)
            ? new FaceBox(left, top, width, height)
            : null;

    /// <summary>Intersection over union of two boxes, 0 to 1.</summary>
    public static double Of(FaceBox a, FaceBox b)
    {
        var width = Math.Min(a.X + a.Width, b.X + b.Width) - Math.Max(a.X, b.X);
        var height = Math.Min(a.Y + a.Height, b.Y + b.Height) - Math.Max(a.Y, b.Y);
        if (width <= 0 || height <= 0)
        {
            return 0;
        }

        var shared = width * height;
        return shared / (a.Area + b.Area - shared);
    }
}

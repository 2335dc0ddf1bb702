namespace Retrieval.Faces;

/// <summary>A whole-pixel region of the decoded image: what a net's input is cut from.</summary>
internal readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    /// <summary>Whether it holds no pixel.</summary>
    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>
    /// face-api's <c>Box.clipAtImageBorders</c>: <paramref name="box"/> clipped to a <paramref name="width"/> ×
    /// <paramref name="height"/> image, then its corner and size floored.
    /// </summary>
    public static PixelRect ClipAtImageBorders(FaceBox box, int width, int height)
    {
        var x = Math.Max(box.X, 0);
        var y = Math.Max(box.Y, 0);
        var w = Math.Min(box.X + box.Width - x, width - x);
        var h = Math.Min(box.Y + box.Height - y, height - y);
        return new PixelRect((int)Math.Floor(x), (int)Math.Floor(y), (int)Math.Floor(w), (int)Math.Floor(h));
    }
}

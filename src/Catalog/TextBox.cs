namespace Retrieval.Catalog;

/// <summary>
/// Where a line of text is in a photo: the four corners of its (possibly rotated) rectangle in the photo's pixels,
/// upright, clockwise from the top left of the text.
/// </summary>
public sealed record TextBox(float X0, float Y0, float X1, float Y1, float X2, float Y2, float X3, float Y3)
{
    /// <summary>The corners as [x, y] pairs, clockwise from the top left.</summary>
    public float[][] Corners => [[X0, Y0], [X1, Y1], [X2, Y2], [X3, Y3]];

    /// <summary>The box with every coordinate mapped by <paramref name="map"/>.</summary>
    public TextBox Map(Func<float, float, (float X, float Y)> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var (a, b, c, d) = (map(X0, Y0), map(X1, Y1), map(X2, Y2), map(X3, Y3));
        return new TextBox(a.X, a.Y, b.X, b.Y, c.X, c.Y, d.X, d.Y);
    }
}

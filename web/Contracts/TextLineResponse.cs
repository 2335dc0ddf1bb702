namespace Retrieval.Web.Contracts;

/// <summary>
/// A line of text read in a photo: the text, its box — the four corners [x, y], clockwise from the top left, in the
/// photo's full-size pixels — and the recogniser's confidence (0 to 1).
/// </summary>
public sealed record TextLineResponse(string Text, float[][] Box, float Confidence)
{
    /// <summary>The response for a catalog line.</summary>
    public static TextLineResponse Of(Catalog.TextLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new TextLineResponse(line.Text, line.Box.Corners, line.Confidence);
    }
}

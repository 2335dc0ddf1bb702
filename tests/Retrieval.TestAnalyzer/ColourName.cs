namespace Retrieval.TestAnalyzer;

/// <summary>The nearest of a few named colours to a mean colour: what the photo is searchable by.</summary>
public static class ColourName
{
    private static readonly (string Name, float R, float G, float B)[] Named =
    [
        ("red", 200, 30, 30), ("orange", 235, 140, 20), ("yellow", 235, 220, 40), ("green", 40, 170, 50), ("teal", 30, 150, 150),
        ("blue", 30, 60, 200), ("purple", 130, 40, 170), ("pink", 240, 140, 180), ("brown", 120, 80, 40),
        ("black", 15, 15, 15), ("grey", 128, 128, 128), ("white", 240, 240, 240),
    ];

    /// <summary>The name nearest to the colour (<paramref name="r"/>, <paramref name="g"/>, <paramref name="b"/>), each 0 to 255.</summary>
    public static string Of(float r, float g, float b) =>
        Named.MinBy(c => ((c.R - r) * (c.R - r)) + ((c.G - g) * (c.G - g)) + ((c.B - b) * (c.B - b))).Name;
}

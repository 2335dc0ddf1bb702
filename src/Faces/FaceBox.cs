namespace Retrieval.Faces;

/// <summary>A face's box in an upright photo's pixels: its top-left corner and size.</summary>
public readonly record struct FaceBox(double X, double Y, double Width, double Height)
{
    /// <summary>The shorter of its sides.</summary>
    public double ShortSide => Math.Min(Width, Height);

    /// <summary>How many pixels it covers.</summary>
    public double Area => Width * Height;
}

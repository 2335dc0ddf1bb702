namespace Retrieval.Analysis;

/// <summary>What an analyzer needs from the one read of a photo: the file, its metadata and captions always come with it.</summary>
/// <param name="PixelSide">
/// The shorter side, in pixels, it needs the photo decoded to at least (the decode is made once, for the largest need);
/// 0 when it needs no pixels — then it also runs when only a photo's captions changed. A video's stand-in frame is decoded
/// to it too.
/// </param>
/// <param name="FrameSide">
/// For a video, the shorter side it needs each picked frame at (<see cref="IPhotoAnalyzer.ReadFrame"/>); 0 when it does
/// not look at frames. Frames are decoded once, for the largest need.
/// </param>
public sealed record AnalyzerNeeds(int PixelSide, int FrameSide = 0)
{
    /// <summary>No pixels: the metadata, the captions and the file are enough.</summary>
    public static AnalyzerNeeds NoPixels { get; } = new(0);

    /// <summary>Pixels at whatever size the others need (1: the smallest decode).</summary>
    public static AnalyzerNeeds AnyPixels { get; } = new(1);

    /// <summary>Whether it needs the photo decoded.</summary>
    public bool Pixels => PixelSide > 0;

    /// <summary>Whether it looks at a video's frames.</summary>
    public bool Frames => FrameSide > 0;
}

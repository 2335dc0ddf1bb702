using Retrieval.Video;

namespace Retrieval.Analysis;

/// <summary>
/// What an analysis too costly for every frame (the text, the faces) found in a video: it looks at no more than a set
/// number of the picked frames, spread evenly over the video's length, the first always, and keeps what it found until
/// the video is read (<see cref="IPhotoAnalyzer.Read"/>). Kept in the video's <see cref="PhotoAnalysis"/>, one per kind of
/// finding (<see cref="PhotoAnalysis.FindingsInFrames{T}"/>).
/// </summary>
/// <typeparam name="T">What is found (a line of text, a face).</typeparam>
public sealed class FrameFindings<T>
{
    private readonly int _most;
    private int _looked;

    /// <summary>Findings to be made in at most <paramref name="most"/> frames.</summary>
    internal FrameFindings(int most) => _most = most;

    /// <summary>What was found so far, frame after frame.</summary>
    public List<T> Items { get; } = [];

    /// <summary>Whether <paramref name="frame"/> is one to look at (then it counts as looked at).</summary>
    public bool Take(VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var spacing = frame.Video.Duration / Math.Max(1, _most);
        if (_looked >= _most || frame.Time < _looked * spacing)
        {
            return false;
        }

        _looked++;
        return true;
    }
}

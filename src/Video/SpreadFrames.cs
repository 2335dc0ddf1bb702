namespace Retrieval.Video;

/// <summary>
/// Takes at most a set number of a video's picked frames, spread evenly over its length, the first always: for an
/// analysis that costs too much to run on every frame (text, faces). One per video, given its frames in order.
/// </summary>
/// <param name="most">The most frames taken.</param>
public sealed class SpreadFrames(int most)
{
    private int _taken;

    /// <summary>Whether <paramref name="frame"/> is one to analyse (then it counts as taken).</summary>
    public bool Take(VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var spacing = frame.Video.Duration / Math.Max(1, most);
        if (_taken >= most || frame.Time < _taken * spacing)
        {
            return false;
        }

        _taken++;
        return true;
    }
}

namespace Retrieval.Video;

/// <summary>Where a video's keyframes fall in its first <see cref="VideoProbe.KeyframeSampleSeconds"/>: the longest stretch between two (or before the first), and the last one's time.</summary>
internal readonly record struct KeyframeSpacing(double LongestBetween, double Last)
{
    /// <summary>The longest stretch without a keyframe, the one after the last keyframe read included, in a video <paramref name="duration"/> seconds long.</summary>
    public double LongestGap(double duration) => Math.Max(LongestBetween, Math.Min(duration, VideoProbe.KeyframeSampleSeconds) - Last);
}

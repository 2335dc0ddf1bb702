using System.Globalization;

namespace Retrieval.Video;

/// <summary>
/// Which frames of a video are indexed — the ones a person would pick to tell what happens in it: the first frame, the
/// first frame of every scene (a hard cut, or a change as large), and a frame every <see cref="VideoOptions.MaxGapSeconds"/>
/// of a scene that goes on (a pan, a long take), never more than <see cref="VideoOptions.MaxFrames"/> in all: a long
/// video spaces them further apart, and two scene starts closer than that spacing count as one. FFmpeg's
/// <c>select</c> filter picks them while decoding, so unpicked frames are never converted or copied.
/// </summary>
/// <remarks>
/// Why 4 s and 300. A phone clip is typically 5 to 60 s; a search answer should land within a few seconds of the
/// moment, and within a shot the picture rarely changes enough in 4 s for a different query to match — scenes carry
/// the changes that matter, and each gets its frame whatever the gap. 300 frames is 20 minutes at 4 s: a longer video
/// (a recital, a screen recording) is still covered end to end, at 300 embeddings — about as much as 300 photos.
/// </remarks>
public sealed record FrameSampling
{
    // A scene start closer than this to the last picked frame is a flash or a flicker, not a new scene.
    private const double MinSceneSpacing = 0.5;

    /// <summary>The sampling of a video <paramref name="duration"/> seconds long under <paramref name="options"/>.</summary>
    public FrameSampling(double duration, VideoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var spread = duration / options.MaxFrames;
        Gap = Math.Max(options.MaxGapSeconds, spread);
        SceneSpacing = Math.Max(MinSceneSpacing, spread);
        SceneThreshold = options.SceneThreshold;
        MaxFrames = options.MaxFrames;
    }

    /// <summary>The longest time between two picked frames.</summary>
    public double Gap { get; }

    /// <summary>The shortest time between a picked frame and a scene start picked after it: what keeps the count within <see cref="MaxFrames"/>.</summary>
    public double SceneSpacing { get; }

    /// <summary>FFmpeg's scene score above which a frame starts a scene.</summary>
    public double SceneThreshold { get; }

    /// <summary>The most frames picked.</summary>
    public int MaxFrames { get; }

    /// <summary>
    /// The <c>select</c> expression: the first frame (nothing picked yet), a frame <see cref="Gap"/> after the last one,
    /// or a scene start at least <see cref="SceneSpacing"/> after it.
    /// </summary>
    public string SelectExpression => string.Create(CultureInfo.InvariantCulture,
        $"isnan(prev_selected_t)+gte(t-prev_selected_t\\,{Gap:0.###})+gt(scene\\,{SceneThreshold:0.###})*gte(t-prev_selected_t\\,{SceneSpacing:0.###})");

    /// <summary>
    /// Whether decoding keyframes alone finds a frame often enough: when no two keyframes are further apart than
    /// <see cref="Gap"/> (phones write one every second or two, and encoders put one at each hard cut). Decoding only
    /// keyframes skips every other frame's decode, many times faster.
    /// </summary>
    public bool KeyframesSuffice(double longestKeyframeGap) => longestKeyframeGap <= Gap;
}

using System.ComponentModel.DataAnnotations;

namespace Retrieval.Video;

/// <summary>How videos are read (configuration section <c>Retrieval:Video</c>): where FFmpeg is, and how frames are picked.</summary>
public sealed class VideoOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:Video";

    /// <summary>
    /// The <c>ffmpeg</c> program: a path, or a name looked up on <c>PATH</c> (the default). <c>ffprobe</c> is taken from
    /// the same folder. Without it, videos are recorded as failed and everything else indexes as before.
    /// </summary>
    public string Ffmpeg { get; set; } = "ffmpeg";

    /// <summary>
    /// The longest stretch of a scene without an indexed frame, in seconds: a slow pan or a long take still gets a frame
    /// this often. Default 4 s (see <see cref="FrameSampling"/> for why).
    /// </summary>
    [Range(0.5, 3600)]
    public double MaxGapSeconds { get; set; } = 4;

    /// <summary>The most frames indexed from one video; a longer video spreads them evenly. Default 300.</summary>
    [Range(1, 10_000)]
    public int MaxFrames { get; set; } = 300;

    /// <summary>
    /// How different a frame must be from the one before (FFmpeg's scene score, 0 to 1) to start a new scene.
    /// Default 0.3: hard cuts score 0.4 to 1, camera motion within a shot under 0.2.
    /// </summary>
    [Range(0.01, 1)]
    public double SceneThreshold { get; set; } = 0.3;

    /// <summary>
    /// The longest one FFmpeg or ffprobe run may take on a video before it is stopped and the video recorded as failed
    /// (a stream it stalls on, a file that decodes forever). Default 5 minutes.
    /// </summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromMinutes(5);
}

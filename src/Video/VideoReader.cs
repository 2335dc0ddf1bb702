using Retrieval.Errors;

namespace Retrieval.Video;

/// <summary>
/// Reads a library video: opens it inside its root, asks ffprobe what it is, and — when frames are wanted — decodes its
/// picked frames (keyframes alone when they come often enough), handing each over as it comes.
/// </summary>
public sealed class VideoReader
{
    private readonly VideoTools _tools;
    private readonly VideoOptions _options;
    private readonly VideoProbe _probe;
    private readonly VideoFrameReader _frames;

    /// <summary>A reader with <paramref name="options"/>, refusing frames of more than <paramref name="maxPixels"/> pixels.</summary>
    public VideoReader(VideoOptions options, long maxPixels)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_options, _tools) = (options, VideoTools.Find(options));
        _probe = new VideoProbe(_tools, options, maxPixels);
        _frames = new VideoFrameReader(_tools, options);
    }

    /// <summary>The programs it runs.</summary>
    public VideoTools Tools => _tools;

    /// <summary>
    /// The facts of the video at <paramref name="path"/> (inside <paramref name="root"/>); with a <paramref name="frameSide"/>
    /// above 0, its picked frames too, at that shorter side, each given to <paramref name="onFrame"/> in order.
    /// </summary>
    /// <exception cref="UnreadableVideoException">FFmpeg is missing, or the video cannot be read or is refused.</exception>
    public async Task<VideoInfo> ReadAsync(string path, string root, int frameSide, Action<VideoFrame> onFrame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onFrame);
        if (!_tools.Available)
        {
            throw new UnreadableVideoException(path, VideoTools.InstallHint);
        }

        using var source = VideoSource.Open(path, root);
        // The facts and the keyframe spacing are two ffprobe runs: at once, they cost one.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keyframes = frameSide > 0 ? _probe.KeyframesAsync(source, stop.Token) : null;
        try
        {
            var video = await _probe.ProbeAsync(source, cancellationToken).ConfigureAwait(false);
            if (keyframes is not null)
            {
                var sampling = new FrameSampling(video.Duration, _options);
                var keyframesOnly = sampling.KeyframesSuffice((await keyframes.ConfigureAwait(false)).LongestGap(video.Duration));
                await _frames.ReadAsync(source, video, keyframesOnly, frameSide, onFrame, cancellationToken).ConfigureAwait(false);
            }

            return video;
        }
        catch when (keyframes is not null)
        {
            // The video is refused: the keyframe listing beside it is stopped, not left to run, and its own failure observed.
            await stop.CancelAsync().ConfigureAwait(false);
            await keyframes.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The frame shown at <paramref name="at"/> seconds of the video open as <paramref name="handle"/> (inside its root), as a
    /// bitmap file that fits in <paramref name="side"/> x <paramref name="side"/>: a thumbnail of the moment.
    /// </summary>
    /// <exception cref="UnreadableVideoException">FFmpeg is missing, or no frame could be read there.</exception>
    public async Task<ReadOnlyMemory<byte>> FrameAsync(string path, Microsoft.Win32.SafeHandles.SafeFileHandle handle, double at, int side, CancellationToken cancellationToken)
    {
        if (!_tools.Available)
        {
            throw new UnreadableVideoException(path, VideoTools.InstallHint);
        }

        using var source = VideoSource.Over(path, handle, ownsHandle: false);
        return await _frames.FrameAtAsync(source, at, side, cancellationToken).ConfigureAwait(false);
    }
}

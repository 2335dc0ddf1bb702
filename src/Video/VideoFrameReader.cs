using System.Globalization;
using System.Threading.Channels;
using Retrieval.Errors;
using Retrieval.Imaging;

namespace Retrieval.Video;

/// <summary>
/// Decodes the picked frames of a video (<see cref="FrameSampling"/>) with FFmpeg and hands them over one at a time,
/// upright, scaled so the shorter side is the size asked for, in one reused buffer: memory stays the same however long
/// the video. Keyframes alone are decoded when they come often enough; FFmpeg's <c>showinfo</c> filter reports each
/// picked frame's time on its error output, in the order the frames come out.
/// </summary>
internal sealed class VideoFrameReader(VideoTools tools, VideoOptions options)
{
    private const string TimeMark = " pts_time:";

    /// <summary>
    /// Reads <paramref name="source"/>'s picked frames at a shorter side of <paramref name="side"/> pixels (never enlarged),
    /// giving each to <paramref name="onFrame"/>; returns how many there were.
    /// </summary>
    /// <exception cref="UnreadableVideoException">FFmpeg found no frame, failed, or ran past its time limit.</exception>
    public async Task<int> ReadAsync(VideoSource source, VideoInfo video, bool keyframesOnly, int side, Action<VideoFrame> onFrame, CancellationToken cancellationToken)
    {
        var sampling = new FrameSampling(video.Duration, options);
        var (width, height) = Scaled(video.UprightWidth, video.UprightHeight, side);
        var times = Channel.CreateUnbounded<double>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-nostats", "-loglevel", "info", "-protocol_whitelist", "file",
            .. (keyframesOnly ? (string[])["-skip_frame", "nokey"] : []),
            "-f", source.Container.Demuxer, "-i", source.Input,
            "-map", "0:v:0", "-an", "-sn", "-dn",
            "-vf", string.Create(CultureInfo.InvariantCulture, $"select={sampling.SelectExpression},showinfo,scale={width}:{height}:flags=area,format=rgba"),
            "-fps_mode", "vfr", "-f", "rawvideo", "-pix_fmt", "rgba", "pipe:1",
        ];
        var ffmpeg = await ToolProcess.StartAsync(tools.Ffmpeg!, arguments, options.TimeLimit, source.Path, line => ReadTime(line, times.Writer), cancellationToken).ConfigureAwait(false);
        await using var ffmpegScope = ffmpeg.ConfigureAwait(false);
        using var image = new RgbaImage(width, height, video.UprightWidth, video.UprightHeight, 1) { Format = video.Container.Name };
        var count = 0;
        while (count < sampling.MaxFrames && Fill(ffmpeg.Output, image))
        {
            // The frame's time line is written before the frame itself; it may still be on its way through the pipe.
            var time = await times.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            onFrame(new VideoFrame(image, time, count++, video));
        }

        var exit = count < sampling.MaxFrames ? await ffmpeg.WaitAsync().ConfigureAwait(false) : 0;
        cancellationToken.ThrowIfCancellationRequested();
        if (ffmpeg.TimedOut)
        {
            throw new UnreadableVideoException(source.Path, $"FFmpeg took longer than {options.TimeLimit.TotalSeconds:0} s (Retrieval:Video:TimeLimit) and was stopped");
        }

        // A file damaged past its middle still gives the frames before the damage: those are kept.
        return count > 0 ? count : throw new UnreadableVideoException(source.Path, $"no frame could be decoded{(exit != 0 ? ": " + FfmpegError.Summary(ffmpeg.ErrorTail) : "")}");
    }

    /// <summary>One frame, the one shown at <paramref name="at"/> seconds, as a BMP fitting in <paramref name="side"/> x <paramref name="side"/> (seeking to the keyframe before it, then decoding up to it).</summary>
    public async Task<ReadOnlyMemory<byte>> FrameAtAsync(VideoSource source, double at, int side, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-nostats", "-loglevel", "error", "-protocol_whitelist", "file",
            "-ss", at.ToString("0.###", CultureInfo.InvariantCulture), "-f", source.Container.Demuxer, "-i", source.Input,
            "-map", "0:v:0", "-an", "-sn", "-dn", "-frames:v", "1",
            "-vf", string.Create(CultureInfo.InvariantCulture, $"scale={side}:{side}:force_original_aspect_ratio=decrease:flags=area"),
            "-f", "image2pipe", "-c:v", "bmp", "pipe:1",
        ];
        var ffmpeg = await ToolProcess.StartAsync(tools.Ffmpeg!, arguments, options.TimeLimit, source.Path, null, cancellationToken).ConfigureAwait(false);
        await using var ffmpegScope = ffmpeg.ConfigureAwait(false);
        using var bitmap = new MemoryStream();
        // The output is one bitmap of at most side x side pixels: more is not a frame of ours.
        var limit = (side * side * 4) + 4096;
        var buffer = new byte[81920];
        int read;
        while ((read = await ffmpeg.Output.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0 && bitmap.Length <= limit)
        {
            bitmap.Write(buffer, 0, read);
        }

        await ffmpeg.WaitAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return bitmap.Length is > 0 && bitmap.Length <= limit
            ? bitmap.GetBuffer().AsMemory(0, (int)bitmap.Length)
            : throw new UnreadableVideoException(source.Path, ffmpeg.TimedOut
                ? $"FFmpeg took longer than {options.TimeLimit.TotalSeconds:0} s to find a frame"
                : $"no frame at {at:0.#} s: {FfmpegError.Summary(ffmpeg.ErrorTail)}");
    }

    /// <summary>The frame size whose shorter side is <paramref name="side"/>, keeping the aspect (never larger than the video).</summary>
    public static (int Width, int Height) Scaled(int width, int height, int side)
    {
        var shorter = Math.Min(width, height);
        if (side <= 0 || shorter <= side)
        {
            return (width, height);
        }

        var scale = (double)side / shorter;
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private static void ReadTime(string line, ChannelWriter<double> times)
    {
        var mark = line.IndexOf(TimeMark, StringComparison.Ordinal);
        if (mark < 0 || !line.Contains("Parsed_showinfo", StringComparison.Ordinal))
        {
            return;
        }

        var start = mark + TimeMark.Length;
        var end = line.IndexOf(' ', start);
        if (double.TryParse(line.AsSpan(start, (end < 0 ? line.Length : end) - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
        {
            times.TryWrite(Math.Max(0, time));
        }
    }

    /// <summary>Reads one frame's bytes into <paramref name="image"/>; false at the end of the output (a kill ends it too).</summary>
    private static bool Fill(Stream output, RgbaImage image)
    {
        var pixels = image.Pixels;
        var filled = 0;
        while (filled < pixels.Length)
        {
            var read = output.Read(pixels[filled..]);
            if (read == 0)
            {
                return false;
            }

            filled += read;
        }

        return true;
    }
}

using System.Globalization;
using System.Text.Json;
using Retrieval.Errors;

namespace Retrieval.Video;

/// <summary>
/// Reads a video's facts with ffprobe (<see cref="VideoInfo"/>), refusing what the engine will not decode: no video
/// stream, no duration, or a frame size past the pixel budget (told by the header, before any frame is decoded).
/// </summary>
internal sealed partial class VideoProbe(VideoTools tools, VideoOptions options, long maxPixels)
{
    /// <summary>How much of a video's start is read for its keyframe spacing.</summary>
    public const int KeyframeSampleSeconds = 60;

    // Dates a camera without a clock writes: QuickTime's epoch and Unix's.
    private static readonly DateTime Unset = new(1971, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The facts of <paramref name="source"/>.</summary>
    /// <exception cref="UnreadableVideoException">It cannot be read as a video, or is refused.</exception>
    public async Task<VideoInfo> ProbeAsync(VideoSource source, CancellationToken cancellationToken)
    {
        var (output, errors) = await RunAsync(source, ["-show_format", "-show_streams", "-print_format", "json"], reader => reader.ReadToEndAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(output);
        }
        catch (JsonException e)
        {
            throw new UnreadableVideoException(source.Path, "ffprobe's answer could not be read", e);
        }

        using (document)
        {
            return Read(source, document.RootElement, errors);
        }
    }

    /// <summary>
    /// The longest stretch without a keyframe, in seconds (from the start, between keyframes, and to the end of what was
    /// read), read from the packets' flags alone — nothing is decoded — over the first <see cref="KeyframeSampleSeconds"/>:
    /// whether decoding keyframes only finds a frame often enough. Encoders keep one keyframe spacing through a file, so
    /// its start tells, and a long video costs no more to ask than a short one.
    /// </summary>
    /// <remarks>Asked beside <see cref="ProbeAsync"/> (the two run at once), so the duration comes after: see <see cref="KeyframeSpacing.LongestGap"/>.</remarks>
    public async Task<KeyframeSpacing> KeyframesAsync(VideoSource source, CancellationToken cancellationToken)
    {
        double previous = 0, longest = 0;
        var any = false;
        string[] query = ["-select_streams", "v:0", "-read_intervals", string.Create(CultureInfo.InvariantCulture, $"%+{KeyframeSampleSeconds}"),
            "-show_entries", "packet=pts_time,flags", "-print_format", "csv=p=0"];
        await RunAsync(source, query, async reader =>
        {
            // One line a packet: read as it comes.
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                var comma = line.IndexOf(',', StringComparison.Ordinal);
                if (comma > 0 && line.AsSpan(comma + 1).StartsWith("K") && double.TryParse(line.AsSpan(0, comma), NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
                {
                    longest = Math.Max(longest, any ? time - previous : time);
                    (previous, any) = (time, true);
                }
            }

            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return new KeyframeSpacing(any ? longest : double.PositiveInfinity, previous);
    }

    /// <summary>ffprobe's answer to <paramref name="query"/>, read by <paramref name="read"/>, and what it complained of on the way.</summary>
    private async Task<(T Output, string Errors)> RunAsync<T>(VideoSource source, string[] query, Func<StreamReader, Task<T>> read, CancellationToken cancellationToken)
    {
        string[] arguments = ["-v", "error", "-protocol_whitelist", "file", "-f", source.Container.Demuxer, .. query, source.Input];
        var probe = await ToolProcess.StartAsync(tools.Ffprobe!, arguments, options.TimeLimit, source.Path, null, cancellationToken).ConfigureAwait(false);
        await using var probeScope = probe.ConfigureAwait(false);
        using var reader = new StreamReader(probe.Output);
        var output = await read(reader).ConfigureAwait(false);
        var exit = await probe.WaitAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (probe.TimedOut)
        {
            throw new UnreadableVideoException(source.Path, $"ffprobe took longer than {options.TimeLimit.TotalSeconds:0} s (Retrieval:Video:TimeLimit) and was stopped");
        }

        return exit == 0 ? (output, probe.ErrorTail) : throw new UnreadableVideoException(source.Path, $"not a readable video: {FfmpegError.Summary(probe.ErrorTail)}");
    }

    private VideoInfo Read(VideoSource source, JsonElement root, string errors)
    {
        var stream = root.TryGetProperty("streams", out var streams)
            ? streams.EnumerateArray().FirstOrDefault(s => Text(s, "codec_type") == "video" && !IsCoverArt(s))
            : default;
        if (stream.ValueKind != JsonValueKind.Object)
        {
            throw new UnreadableVideoException(source.Path, "it holds no video stream");
        }

        var (width, height) = (Number(stream, "width"), Number(stream, "height"));
        if (width <= 0 || height <= 0)
        {
            // FFmpeg leaves the size out when it refuses it (a header declaring 16384 x 16384): its complaint says which.
            throw new UnreadableVideoException(source.Path, DeclaredSize().Match(errors) is { Success: true } declared
                ? $"it declares {declared.Groups[1].Value} x {declared.Groups[2].Value} frames, which FFmpeg refuses to decode"
                : $"its video stream has no usable frame size{(errors.Length > 0 ? ": " + FfmpegError.Summary(errors) : "")}");
        }

        if ((long)width * height > maxPixels)
        {
            throw new UnreadableVideoException(source.Path, $"it declares {width} x {height} frames, more than the {maxPixels / 1e6:0.#} megapixels allowed (Retrieval:Imaging:MaxPixels)");
        }

        var format = root.TryGetProperty("format", out var f) ? f : default;
        var duration = Seconds(format, "duration") ?? Seconds(stream, "duration");
        if (duration is not > 0 || double.IsInfinity(duration.Value))
        {
            throw new UnreadableVideoException(source.Path, "its duration is unknown (a truncated file, or a live stream)");
        }

        var tags = Tags(format).Concat(Tags(stream)).GroupBy(t => t.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
        var position = Iso6709.Parse(tags.GetValueOrDefault("com.apple.quicktime.location.ISO6709") ?? tags.GetValueOrDefault("location") ?? tags.GetValueOrDefault("location-eng"));
        return new VideoInfo
        {
            Container = source.Container,
            Codec = Text(stream, "codec_name") ?? "unknown",
            Width = width,
            Height = height,
            Rotation = Rotation(stream, tags),
            Duration = duration.Value,
            TakenAt = TakenAt(tags),
            Latitude = position?.Latitude,
            Longitude = position?.Longitude,
            CameraMake = tags.GetValueOrDefault("com.apple.quicktime.make") ?? tags.GetValueOrDefault("make"),
            CameraModel = tags.GetValueOrDefault("com.apple.quicktime.model") ?? tags.GetValueOrDefault("model"),
            ContentIdentifier = tags.GetValueOrDefault("com.apple.quicktime.content.identifier"),
        };
    }

    /// <summary>Apple's creation date keeps the phone's local time and zone: that clock is the one a photo's EXIF date uses.</summary>
    private static DateTime? TakenAt(Dictionary<string, string> tags)
    {
        if (tags.GetValueOrDefault("com.apple.quicktime.creationdate") is { } local
            && DateTimeOffset.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withZone))
        {
            return withZone.DateTime;
        }

        return tags.GetValueOrDefault("creation_time") is { } utc
            && DateTime.TryParse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time) && time > Unset
            ? DateTime.SpecifyKind(time.ToLocalTime(), DateTimeKind.Unspecified)
            : null;
    }

    /// <summary>The display matrix's rotation (counter-clockwise in ffprobe's terms) as degrees clockwise; an old <c>rotate</c> tag otherwise.</summary>
    private static int Rotation(JsonElement stream, Dictionary<string, string> tags)
    {
        double? degrees = null;
        if (stream.TryGetProperty("side_data_list", out var sides))
        {
            foreach (var side in sides.EnumerateArray())
            {
                if (side.TryGetProperty("rotation", out var rotation) && rotation.TryGetDouble(out var value))
                {
                    degrees = -value;
                }
            }
        }

        if (degrees is null && double.TryParse(tags.GetValueOrDefault("rotate"), NumberStyles.Float, CultureInfo.InvariantCulture, out var tagged))
        {
            degrees = tagged;
        }

        var quarter = (int)Math.Round((degrees ?? 0) / 90);
        return ((quarter % 4) + 4) % 4 * 90;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Picture size (\d+)x(\d+) is invalid")]
    private static partial System.Text.RegularExpressions.Regex DeclaredSize();

    private static bool IsCoverArt(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var disposition) && disposition.TryGetProperty("attached_pic", out var pic) && pic.TryGetInt32(out var attached) && attached == 1;

    private static IEnumerable<KeyValuePair<string, string>> Tags(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object
            ? tags.EnumerateObject().Where(t => t.Value.ValueKind == JsonValueKind.String).Select(t => KeyValuePair.Create(t.Name, t.Value.GetString()!))
            : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : 0;

    private static double? Seconds(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && double.TryParse(Text(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) ? seconds : null;
}

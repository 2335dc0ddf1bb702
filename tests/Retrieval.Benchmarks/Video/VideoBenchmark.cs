using System.Diagnostics;
using System.Globalization;
using Retrieval.Benchmarks.Indexing;
using Retrieval.Models;
using Retrieval.Ocr;
using Retrieval.Testing;
using Retrieval.Video;

namespace Retrieval.Benchmarks.Video;

/// <summary>
/// Videos, in one run beside FFmpeg itself (needs ffmpeg and libx264):
///   dotnet run -c Release --project tests/Retrieval.Benchmarks -- videos [SECONDS=180]
/// Makes (once, under benchmarks-data/) 1080p H.264 clips like a phone's — 30 fps, a keyframe every second, the sample
/// photos panned slowly, a cut every 20 s — of SECONDS/2 and SECONDS. (1) The engine's frame reading (ffprobe's facts and
/// keyframe spacing, FFmpeg's picked frames at the indexing size, piped and copied out) against FFmpeg decoding and
/// scaling the same frames alone to /dev/null, medians of 3, with the process's peak memory after the short clip and
/// after the long one (flat: it should not grow with the length). (2) Each clip indexed end to end with the default model
/// on 2 threads, text reading off and on: seconds of video indexed per second.
/// </summary>
internal static class VideoBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 180;
        Console.WriteLine($"# Video benchmark: {Environment.ProcessorCount} cores, {Run("ffmpeg", "-version").Split('\n')[0]}");
        var clips = new[] { seconds / 2, seconds }.Select(Clip).ToList();
        var reader = new VideoReader(new VideoOptions(), 100_000_000);
        using var model = TestModels.Default(threads: 2);
        using var text = PhotoTextReader.Open(new OcrModels(RepositoryPaths.OcrModels), new ModelOptions { Device = ExecutionDevice.Cpu, IntraOpThreads = 1 }, new OcrOptions());
        var side = text.DetectorSide * 3 / 4; // the size frames are read at when text is read too
        foreach (var clip in clips)
        {
            var folder = Path.GetDirectoryName(clip)!;
            var frames = 0;
            var ours = Statistics.Median(Enumerable.Range(0, 3).Select(_ =>
            {
                var clock = Stopwatch.StartNew();
                frames = 0;
                reader.ReadAsync(clip, folder, side, _ => frames++, CancellationToken.None).GetAwaiter().GetResult();
                return clock.Elapsed.TotalSeconds;
            }));
            var duration = double.Parse(Run("ffprobe", $"-v error -show_entries format=duration -of csv=p=0 \"{clip}\""), CultureInfo.InvariantCulture);
            var sampling = new FrameSampling(duration, new VideoOptions());
            var (width, height) = VideoFrameReader.Scaled(1920, 1080, side);
            var alone = Statistics.Median(Enumerable.Range(0, 3).Select(_ => Timed("ffmpeg",
                $"-v error -nostdin -skip_frame nokey -i \"{clip}\" -map 0:v:0 -an -vf \"select={sampling.SelectExpression},scale={width}:{height}:flags=area,format=rgba\" -fps_mode vfr -f rawvideo -y /dev/null")));
            Process.GetCurrentProcess().Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {duration:0} s 1080p H.264 ({new FileInfo(clip).Length / 1e6:0} MB) | {frames} frames at {width} x {height} | engine {ours:0.00} s | FFmpeg alone {alone:0.00} s | ratio {ours / alone:0.00} | peak resident memory so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB |"));
        }

        foreach (var clip in clips)
        {
            var duration = double.Parse(Run("ffprobe", $"-v error -show_entries format=duration -of csv=p=0 \"{clip}\""), CultureInfo.InvariantCulture);
            foreach (var reading in (PhotoTextReader?[])[null, text])
            {
                var work = Directory.CreateTempSubdirectory("retrieval-video-bench-");
                try
                {
                    var (wall, counts) = await IndexBenchmark.TimedRunAsync(work.FullName, model, Path.GetDirectoryName(clip)!, 2, text: reading);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {duration:0} s clip indexed, text reading {(reading is null ? "off" : "on")} | {wall:0.0} s | {duration / wall:0.0} x real time | failed {counts.Failed} |"));
                }
                finally
                {
                    work.Delete(recursive: true);
                }
            }
        }

        return 0;
    }

    /// <summary>A 1080p clip of <paramref name="seconds"/> seconds in a folder of its own, made once.</summary>
    private static string Clip(int seconds)
    {
        var folder = Directory.CreateDirectory(Path.Combine(RepositoryPaths.BenchmarkData, $"video-1080p-{seconds}s")).FullName;
        var clip = Path.Combine(folder, "clip.mp4");
        if (File.Exists(clip))
        {
            return clip;
        }

        var photos = Directory.GetFiles(RepositoryPaths.Samples, "*.jpg").Order(StringComparer.Ordinal).ToList();
        var scenes = (seconds + 19) / 20;
        var inputs = string.Join(' ', Enumerable.Range(0, scenes).Select(i => $"-loop 1 -framerate 30 -t 20 -i \"{photos[i % photos.Count]}\""));
        var filters = string.Join(';', Enumerable.Range(0, scenes).Select(i =>
            $"[{i}]scale=2112:1188:force_original_aspect_ratio=increase,crop=1920:1080:x='t*9':y='t*5',setsar=1,format=yuv420p[v{i}]"));
        var concat = string.Concat(Enumerable.Range(0, scenes).Select(i => $"[v{i}]")) + $"concat=n={scenes}:v=1[out]";
        var partial = clip + ".part.mp4";
        Run("ffmpeg", $"-v error -y {inputs} -filter_complex \"{filters};{concat}\" -map [out] -t {seconds} -c:v libx264 -preset veryfast -crf 23 -g 30 -keyint_min 30 -sc_threshold 0 -pix_fmt yuv420p \"{partial}\"");
        File.Move(partial, clip);
        return clip;
    }

    private static double Timed(string program, string arguments)
    {
        var clock = Stopwatch.StartNew();
        Run(program, arguments);
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Runs a tool, failing loudly; returns its standard output.</summary>
    private static string Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"{program} {arguments}: exit {process.ExitCode}: {error.Result}");
    }
}

using System.Text;
using Retrieval.Analysis;
using Retrieval.Catalog;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Storage;
using Retrieval.Text;
using Retrieval.Video;

namespace Retrieval.Indexing;

/// <summary>
/// The reading stage, run on several threads at once: reads a pending photo's file once, takes its metadata and captions
/// (embedded, from a sidecar text file, imported), decodes it once — as large as the largest need of the analyzers that
/// want pixels — and runs each analyzer's read step on it. A file that cannot be read, or an analyzer that cannot
/// analyse it, makes a failure with its reason; nothing throws.
/// </summary>
internal sealed class PhotoPreparer(ImageDecoder decoder, ImagingOptions imaging, VideoReader videos, IReadOnlyList<IPhotoAnalyzer> analyzers, IReadOnlyDictionary<string, List<CaptionText>> imported)
{
    private const int MaxSidecarBytes = 64 * 1024;

    private readonly int _decodeSide = analyzers.Select(a => a.Needs.PixelSide).DefaultIfEmpty(0).Max();
    private readonly int _frameSide = analyzers.Select(a => a.Needs.FrameSide).DefaultIfEmpty(0).Max();
    private readonly IPhotoAnalyzer[] _frameAnalyzers = [.. analyzers.Where(a => a.Needs.Frames)];

    /// <summary>Reads and analyses <paramref name="job"/>; <paramref name="beforeDecoding"/> runs between reading the file and decoding it.</summary>
    public PhotoAnalysis Prepare(KnownFile job, Action beforeDecoding, CancellationToken cancellationToken)
    {
        var photo = new PhotoAnalysis(job);
        if ((job.Work & (PendingWork.Image | PendingWork.Captions)) == 0)
        {
            return photo; // keywords only: the catalog has the rest
        }

        try
        {
            if (VideoFormats.IsVideoName(job.Path))
            {
                PrepareVideo(photo, beforeDecoding, cancellationToken);
                return photo;
            }

            using var file = EncodedFile.ReadInside(job.Path, job.Root, imaging.MaxFileBytes);
            beforeDecoding();
            var metadata = PhotoMetadataReader.Read(file.Memory);
            var pixels = (job.Work & PendingWork.Image) != 0 && _decodeSide > 0;
            using var image = pixels ? decoder.Decode(file.Span, job.Path, _decodeSide) : null;
            if (image is not null)
            {
                metadata = metadata with { Width = image.FullWidth, Height = image.FullHeight, Format = image.Format };
            }

            photo.Metadata = metadata;
            photo.Captions = Captions(job, metadata);
            photo.File = file.Memory;
            photo.Image = image;
            photo.PixelsAnalysed = pixels;
            RunAnalyzers(photo);
        }
        catch (Exception e) when (e is AnalysisException or UnsupportedImageException or UnreadableVideoException)
        {
            photo.Dispose();
            photo.Failure = e switch
            {
                UnsupportedImageException unsupported => unsupported.Reason,
                UnreadableVideoException unreadable => unreadable.Reason,
                _ => e.Message,
            };
        }
        finally
        {
            photo.File = default;
            photo.Image = null;
            photo.Video = null;
        }

        return photo;
    }

    private void RunAnalyzers(PhotoAnalysis photo)
    {
        foreach (var analyzer in analyzers.Where(a => photo.PixelsAnalysed || !a.Needs.Pixels))
        {
            analyzer.Read(photo);
        }
    }

    /// <summary>
    /// A video: its facts from ffprobe; when its content is to be analysed, each picked frame goes to the analyzers that
    /// look at frames as FFmpeg decodes it, and the first frame that shows something (not a black or one-colour card)
    /// stands for the video — its thumbnail and what the photo analyzers read, as if it were a photo.
    /// </summary>
    private void PrepareVideo(PhotoAnalysis photo, Action beforeDecoding, CancellationToken cancellationToken)
    {
        var job = photo.Job;
        var pixels = (job.Work & PendingWork.Image) != 0 && (_decodeSide > 0 || _frameSide > 0);
        RgbaImage? first = null, poster = null;
        double posterAt = 0;
        try
        {
            if (pixels)
            {
                beforeDecoding();
            }

            var video = videos.ReadAsync(job.Path, job.Root, pixels ? Math.Max(_frameSide, _decodeSide) : 0, frame =>
            {
                photo.Video ??= frame.Video;
                foreach (var analyzer in _frameAnalyzers)
                {
                    analyzer.ReadFrame(photo, frame);
                }

                // The first frame stands in only when every frame is flat.
                if (poster is null && !FrameContent.IsFlat(frame.Image))
                {
                    (poster, posterAt) = (frame.Image.Copy(), frame.Time);
                }
                else if (poster is null)
                {
                    first ??= frame.Image.Copy();
                }
            }, cancellationToken).GetAwaiter().GetResult();
            if (poster is null)
            {
                (poster, first) = (first, null);
            }

            photo.Video = video;
            photo.Metadata = new PhotoMetadata
            {
                Kind = PhotoKind.Video, Format = video.Container.Name, Codec = video.Codec, Duration = video.Duration,
                Width = video.UprightWidth, Height = video.UprightHeight, TakenAt = video.TakenAt,
                Latitude = video.Latitude, Longitude = video.Longitude, CameraMake = video.CameraMake, CameraModel = video.CameraModel,
                PosterAt = poster is null ? null : posterAt,
            };
            photo.Captions = Captions(job, photo.Metadata);
            photo.Image = poster;
            photo.PixelsAnalysed = poster is not null;
            RunAnalyzers(photo);
        }
        finally
        {
            first?.Dispose();
            poster?.Dispose();
        }
    }

    private List<CaptionText> Captions(KnownFile job, PhotoMetadata metadata)
    {
        var path = job.Path;
        var captions = new List<CaptionText>(metadata.Captions);
        foreach (var sidecar in (string[])[path + ".txt", Path.ChangeExtension(path, ".txt")])
        {
            if (ReadSidecar(sidecar, job.Root) is { } lines)
            {
                captions.AddRange(lines.Select(line => new CaptionText(line, "sidecar")));
                break;
            }
        }

        if (imported.TryGetValue(Path.GetFileName(path), out var more))
        {
            captions.AddRange(more);
        }

        // The same text from two sources is one caption.
        return [.. captions.DistinctBy(c => c.Text, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The non-empty lines of a sidecar caption file, or null when there is none, it cannot be read, or it leads
    /// outside <paramref name="root"/> (a link planted beside a photo must not turn another file into captions).
    /// </summary>
    private static List<string>? ReadSidecar(string path, string root)
    {
        try
        {
            using var handle = ContainedFile.OpenInside(path, root);
            // A sidecar is a few lines of text; anything large is something else that happens to end in .txt.
            if (RandomAccess.GetLength(handle) > MaxSidecarBytes)
            {
                return null;
            }

            using var reader = new StreamReader(new FileStream(handle, FileAccess.Read, 1), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var lines = new List<string>();
            while (reader.ReadLine() is { } line)
            {
                if (LibraryText.Clean(line) is { } text)
                {
                    lines.Add(text);
                }
            }

            return lines;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using System.Text;
using Retrieval.Analysis;
using Retrieval.Catalog;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Storage;
using Retrieval.Text;

namespace Retrieval.Indexing;

/// <summary>
/// The reading stage, run on several threads at once: reads a pending photo's file once, takes its metadata and captions
/// (embedded, from a sidecar text file, imported), decodes it once — as large as the largest need of the analyzers that
/// want pixels — and runs each analyzer's read step on it. A file that cannot be read, or an analyzer that cannot
/// analyse it, makes a failure with its reason; nothing throws.
/// </summary>
internal sealed class PhotoPreparer(ImageDecoder decoder, ImagingOptions imaging, IReadOnlyList<IPhotoAnalyzer> analyzers, IReadOnlyDictionary<string, List<CaptionText>> imported)
{
    private const int MaxSidecarBytes = 64 * 1024;

    private readonly int _decodeSide = analyzers.Select(a => a.Needs.PixelSide).DefaultIfEmpty(0).Max();

    /// <summary>Reads and analyses <paramref name="job"/>; <paramref name="beforeDecoding"/> runs between reading the file and decoding it.</summary>
    public PhotoAnalysis Prepare(KnownFile job, Action beforeDecoding)
    {
        var photo = new PhotoAnalysis(job);
        if ((job.Work & (PendingWork.Image | PendingWork.Captions)) == 0)
        {
            return photo; // keywords only: the catalog has the rest
        }

        try
        {
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
            foreach (var analyzer in analyzers.Where(a => pixels || !a.Needs.Pixels))
            {
                analyzer.Read(photo);
            }
        }
        catch (Exception e) when (e is AnalysisException or UnsupportedImageException)
        {
            photo.Dispose();
            photo.Failure = e is UnsupportedImageException unsupported ? unsupported.Reason : e.Message;
        }
        finally
        {
            photo.File = default;
            photo.Image = null;
        }

        return photo;
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

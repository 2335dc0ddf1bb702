using System.Buffers;
using System.Text;
using Retrieval.Catalog;
using Retrieval.Duplicates;
using Retrieval.Errors;
using Retrieval.Imaging;
using Retrieval.Ocr;
using Retrieval.Storage;
using Retrieval.Text;

namespace Retrieval.Indexing;

/// <summary>
/// The reading stage, run on several threads at once: reads a pending photo's file once, takes its metadata
/// and captions (embedded, from a sidecar text file, imported), decodes and preprocesses it into the model's input,
/// and (with a <paramref name="text"/> reader) reads the text in it from the same decode — made large enough for
/// the detector then. A file that cannot be read becomes a failure with its reason; nothing throws.
/// </summary>
internal sealed class PhotoPreparer(ImageDecoder decoder, ImagingOptions imaging, ImagePreprocessor preprocessor, IReadOnlyDictionary<string, List<CaptionText>> imported,
    PhotoTextReader? text = null)
{
    // The shorter side a photo is decoded to at least: the model's, or with OCR enough that a 4:3 photo's long side
    // reaches the detector's size.
    private const int MaxSidecarBytes = 64 * 1024;

    private readonly int _decodeSide = Math.Max(preprocessor.Options.ShortestEdge, text is null ? 0 : text.DetectorSide * 3 / 4);

    /// <summary>Reads and prepares <paramref name="job"/>; <paramref name="beforeDecoding"/> runs between reading the file and decoding it.</summary>
    public PreparedPhoto Prepare(KnownFile job, Action beforeDecoding)
    {
        if ((job.Work & (PendingWork.Image | PendingWork.Captions)) == 0)
        {
            return new PreparedPhoto(job, null, [], null, null); // keywords only: the catalog has the rest
        }

        float[]? tensor = null;
        try
        {
            using var file = EncodedFile.ReadInside(job.Path, job.Root, imaging.MaxFileBytes);
            beforeDecoding();
            var metadata = PhotoMetadataReader.Read(file.Memory);
            IReadOnlyList<TextLine>? lines = null;
            float[]? signature = null;
            if ((job.Work & PendingWork.Image) != 0)
            {
                using var image = decoder.Decode(file.Span, job.Path, _decodeSide);
                tensor = ArrayPool<float>.Shared.Rent(preprocessor.Options.TensorLength);
                preprocessor.Preprocess(image, tensor);
                metadata = metadata with { Width = image.FullWidth, Height = image.FullHeight, Format = image.Format };
                lines = text?.Read(image);
                signature = PixelSignature.Of(image);
            }

            return new PreparedPhoto(job, metadata, Captions(job, metadata), tensor, null, lines, signature);
        }
        catch (InferenceException e)
        {
            ReturnTensor(tensor);
            return new PreparedPhoto(job, null, [], null, $"reading the text in it failed: {e.Message}");
        }
        catch (UnsupportedImageException e)
        {
            ReturnTensor(tensor);
            return new PreparedPhoto(job, null, [], null, e.Reason);
        }
    }

    private static void ReturnTensor(float[]? tensor)
    {
        if (tensor is not null)
        {
            ArrayPool<float>.Shared.Return(tensor);
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

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Retrieval.Imaging;
using Retrieval.Text;

namespace Retrieval.Models;

/// <summary>
/// A CLIP-style dual encoder loaded from a model folder (Hugging Face / transformers.js or immich layout): the
/// tokenizer, the text and image towers, and the image preprocessing, all read from the folder. Both towers map into one
/// <see cref="Dimension"/>-wide space where a dot product of their normalised outputs is a cosine.
/// </summary>
public sealed class ClipModel : IDisposable
{
    private ClipModel(ModelManifest manifest, TextEncoder text, ImageEncoder images)
    {
        Manifest = manifest;
        Text = text;
        Images = images;
        // A graph that normalises its own uint8 input gets the resized pixels untouched.
        Preprocessor = new ImagePreprocessor(images.TakesBytes ? manifest.Preprocess with { Mean = [0f, 0f, 0f], Std = [1f, 1f, 1f], RescaleFactor = 1f } : manifest.Preprocess);
    }

    /// <summary>What the folder declares.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The text tower (with its tokenizer).</summary>
    public TextEncoder Text { get; }

    /// <summary>The image tower.</summary>
    public ImageEncoder Images { get; }

    /// <summary>The model's image preprocessing.</summary>
    public ImagePreprocessor Preprocessor { get; }

    /// <summary>The size of every embedding.</summary>
    public int Dimension => Text.Dimension;

    /// <summary>Loads the model folder named by <paramref name="options"/>.</summary>
    /// <exception cref="Errors.ModelLoadException">The folder is incomplete, a config is malformed, or the graphs break the CLIP contract.</exception>
    public static ClipModel Load(ModelOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path, nameof(options));
        logger ??= NullLogger.Instance;
        var manifest = ModelManifest.Load(options.Path, options.Variant);
        var tokenizer = manifest.LoadTokenizer();
        var textSession = EncoderSession.Open(manifest.TextModelPath, "text_embeds", manifest.ProjectionDimension, options, logger);
        EncoderSession? visionSession = null;
        try
        {
            var text = new TextEncoder(textSession, tokenizer, options.MaxBatchSize, logger);
            visionSession = EncoderSession.Open(manifest.VisionModelPath, "image_embeds", manifest.ProjectionDimension, options, logger);
            var images = new ImageEncoder(visionSession, manifest.Preprocess, options.MaxBatchSize, ClassLabel.ReadFolder(manifest.Directory), logger);
            if (images.Dimension != text.Dimension)
            {
                throw new Errors.ModelLoadException(manifest.Directory,
                    $"the text tower gives {text.Dimension} dimensions and the image tower {images.Dimension}");
            }

            return new ClipModel(manifest, text, images);
        }
        catch
        {
            textSession.Dispose();
            visionSession?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Decodes, preprocesses and embeds image files, in order, one normalised vector each. The simple
    /// sequential path for a handful of images; the indexer runs the same steps as a pipeline.
    /// </summary>
    /// <exception cref="Errors.UnsupportedImageException">A file cannot be decoded; it is named in the message.</exception>
    public float[][] EmbedImageFiles(IReadOnlyList<string> paths, ImageDecoder decoder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(decoder);
        var batch = Images.CreateBatch();
        var flat = new float[paths.Count * Dimension];
        for (var start = 0; start < paths.Count; start += batch.Capacity)
        {
            var count = Math.Min(batch.Capacity, paths.Count - start);
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var image = decoder.DecodeFile(paths[start + i], Manifest.Preprocess.ShortestEdge);
                Preprocessor.Preprocess(image, batch.Slot(i));
            }

            Images.Encode(batch, count, flat.AsSpan(start * Dimension, count * Dimension), cancellationToken);
        }

        return EmbeddingMath.Rows(flat, Dimension);
    }

    /// <summary>Preprocesses and embeds one decoded image (an upload, decoded by the caller within its own limits).</summary>
    public float[] EmbedDecoded(RgbaImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var batch = Images.CreateBatch(1);
        Preprocessor.Preprocess(image, batch.Slot(0));
        var vector = new float[Dimension];
        Images.Encode(batch, 1, vector, cancellationToken);
        return vector;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Text.Dispose();
        Images.Dispose();
    }
}

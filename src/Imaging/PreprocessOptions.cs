namespace Retrieval.Imaging;

/// <summary>
/// The image preprocessing a model was trained with, as its export states (<c>preprocessor_config.json</c>, or immich's
/// <c>preprocess_cfg.json</c>): resize the shorter side to <see cref="ShortestEdge"/> and centre-crop
/// <see cref="CropHeight"/> x <see cref="CropWidth"/> (or squash to that size), with <see cref="Filter"/>; scale by
/// <see cref="RescaleFactor"/>, subtract <see cref="Mean"/>, divide by <see cref="Std"/>.
/// </summary>
public sealed record PreprocessOptions
{
    /// <summary>The length the shorter side is resized to.</summary>
    public required int ShortestEdge { get; init; }

    /// <summary>The height of the centre crop, and of the model input.</summary>
    public required int CropHeight { get; init; }

    /// <summary>The width of the centre crop, and of the model input.</summary>
    public required int CropWidth { get; init; }

    /// <summary>Per-channel mean (R, G, B) subtracted after scaling to [0, 1].</summary>
    public required IReadOnlyList<float> Mean { get; init; }

    /// <summary>Per-channel standard deviation (R, G, B) divided by after subtracting the mean.</summary>
    public required IReadOnlyList<float> Std { get; init; }

    /// <summary>The resampling filter (Pillow's).</summary>
    public ResampleFilter Filter { get; init; } = ResampleFilter.Bicubic;

    /// <summary>Shorter side then crop, or squash.</summary>
    public ResizeMode Resize { get; init; } = ResizeMode.ShortestThenCrop;

    /// <summary>How the resized long side is rounded.</summary>
    public SizeRounding Rounding { get; init; } = SizeRounding.SizeTimesRatio;

    /// <summary>What a byte value is multiplied by before the mean is taken off (1/255: [0, 1]).</summary>
    public float RescaleFactor { get; init; } = 1 / 255f;

    /// <summary>Whether the planes are written blue, green, red (models trained on OpenCV's BGR, as PaddleOCR's); <see cref="Mean"/> and <see cref="Std"/> stay R, G, B.</summary>
    public bool Bgr { get; init; }

    /// <summary>The number of floats one preprocessed image takes: 3 x height x width.</summary>
    public int TensorLength => 3 * CropHeight * CropWidth;

    /// <summary>OpenAI CLIP's preprocessing at <paramref name="size"/> pixels.</summary>
    public static PreprocessOptions OpenAiClip(int size) => new()
    {
        ShortestEdge = size,
        CropHeight = size,
        CropWidth = size,
        Mean = [0.48145466f, 0.4578275f, 0.40821073f],
        Std = [0.26862954f, 0.26130258f, 0.27577711f],
    };
}

namespace Retrieval.Imaging;

/// <summary>How an image is brought to the model's input size.</summary>
public enum ResizeMode
{
    /// <summary>The shorter side resized to the model size, then the centre cropped (CLIP; open_clip's <c>shortest</c>).</summary>
    ShortestThenCrop,

    /// <summary>Resized to the input size directly, the aspect ratio not kept (SigLIP; open_clip's <c>squash</c>).</summary>
    Squash,
}

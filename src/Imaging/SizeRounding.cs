namespace Retrieval.Imaging;

/// <summary>
/// How the resized long side is rounded, which decides a pixel column now and then: Hugging Face computes
/// <c>int(size * long / short)</c>, immich <c>int(long / short * size)</c>.
/// </summary>
public enum SizeRounding
{
    /// <summary><c>int(size * long / short)</c> (Hugging Face's image processors).</summary>
    SizeTimesRatio,

    /// <summary><c>int(long / short * size)</c> (immich's <c>resize_pil</c>).</summary>
    RatioTimesSize,
}

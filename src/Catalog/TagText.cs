namespace Retrieval.Catalog;

/// <summary>A keyword, where it came from (iptc, xmp, auto) and, for automatic ones, how sure the model was.</summary>
public readonly record struct TagText(string Tag, string Source, double? Confidence = null)
{
    /// <summary>The source of tags the model gave (a photo's most probable classes).</summary>
    public const string AutoSource = "auto";
}

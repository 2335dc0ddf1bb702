namespace Retrieval.Imaging;

/// <summary>The resampling filter a model's preprocessing resizes with, as Pillow defines it.</summary>
public enum ResampleFilter
{
    /// <summary>Pillow's BICUBIC (a = -0.5), antialiased: CLIP's and most exports'.</summary>
    Bicubic,

    /// <summary>Pillow's BILINEAR (a triangle), antialiased: SigLIP's.</summary>
    Bilinear,
}

using System.ComponentModel.DataAnnotations;

namespace Retrieval.Faces;

/// <summary>How faces are found while indexing: with which models (the bundled face-api ones, or an immich face pack), which faces are kept.</summary>
public sealed class FaceOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:Faces";

    /// <summary>Whether photos are searched for faces while indexing (<c>retrieval index --no-faces</c> turns it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The face models: empty for the bundled face-api models (SSD detector, 68 landmarks, dlib's descriptor), else a folder
    /// in immich's face layout (<c>detection/model.onnx</c> + <c>recognition/model.onnx</c>: buffalo_l, antelopev2) or the
    /// name of a pack pulled with <c>retrieval models pull immich-app/buffalo_l</c> (<c>retrieval index --face-model</c>).
    /// Changing it makes every face again: the <c>faces</c> collection records the models' fingerprint.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>
    /// Faces whose box is smaller than this on its shorter side, in the photo's own pixels, are skipped: below it the
    /// descriptor is made from so few pixels that it no longer tells people apart (see the README's "Faces"). Default 32.
    /// </summary>
    [Range(0, 4096)]
    public int MinFaceSize { get; set; } = 32;

    /// <summary>The most faces kept of one photo or video frame, the largest first (a crowd is not a list of people). Default 50.</summary>
    [Range(1, 100)]
    public int MaxFacesPerPhoto { get; set; } = 50;

    /// <summary>The most frames of one video searched for faces, spread evenly over it. Default 8.</summary>
    [Range(0, 1000)]
    public int MaxVideoFrames { get; set; } = 8;
}

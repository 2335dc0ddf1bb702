using System.ComponentModel.DataAnnotations;

namespace Retrieval.People;

/// <summary>How faces are grouped into people (<c>Retrieval:People</c>).</summary>
public sealed class PeopleOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:People";

    /// <summary>How many similar faces (of different photos) it takes to make a new person. Default 3, as immich.</summary>
    [Range(2, 100)]
    public int MinFaces { get; set; } = 3;

    /// <summary>
    /// How strict joining is, as a share of the model's same-person distance: a face joins a person when its average
    /// distance to their faces is below this share of it and no other person is within the distance. Default 0.92.
    /// </summary>
    [Range(0.5, 1.0)]
    public double JoinShare { get; set; } = 0.92;

    /// <summary>
    /// How strict the re-grouping pass is about merging two people the grouping made, as a share of the same-person
    /// distance: every face of one must be under it from every face of the other (complete linkage), so a look-alike stays
    /// apart rather than two people merging. Default 0.85.
    /// </summary>
    [Range(0.5, 1.0)]
    public double MergeShare { get; set; } = 0.85;

    /// <summary>
    /// The smallest face (shorter side of its box, in the photo's pixels) that may help make a new person. Default 48: a
    /// smaller face's descriptor drifts 0.38–0.43 from the same face's at full size (README, "Faces"), far enough for two
    /// strangers' small faces to look alike; a small face may still join a person made of larger ones.
    /// </summary>
    [Range(0, 4096)]
    public int MinNewPersonFaceSize { get; set; } = 48;

    /// <summary>
    /// The lowest detector score of a face that may help make a new person. Default 0.9: what the detector is less sure of
    /// is often blurred, turned away or not a face at all (a dog, a sign), and such faces look alike to the recognizer
    /// whoever they are; they may still join a person made of clear faces.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinNewPersonScore { get; set; } = 0.9;

    /// <summary>
    /// How faces are compared, when not as the face model's kind says (<see cref="Faces.FaceMetric.ForModel"/>: dlib's
    /// Euclidean for the bundled models, cosine for ArcFace packs): "euclidean" or "cosine". For a pack whose recognizer is
    /// neither (the test replica wraps dlib's net in ArcFace's interface). Default: the model's.
    /// </summary>
    [RegularExpression("^(euclidean|cosine)$")]
    public string? Distance { get; set; }

    /// <summary>The distance under which two faces are one person, when not the model's (dlib 0.6, ArcFace 0.5; immich's <c>maxDistance</c>).</summary>
    [Range(0.01, 2.0)]
    public double? SamePersonBelow { get; set; }

    /// <summary>The most faces without a person grouped among themselves at once (the rest wait for the next pass). Default 4,000.</summary>
    [Range(10, 20_000)]
    public int MaxPool { get; set; } = 4000;
}

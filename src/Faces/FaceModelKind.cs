namespace Retrieval.Faces;

/// <summary>Which pipeline a face model folder is for, told by its layout (<see cref="FaceModelLayout"/>).</summary>
public enum FaceModelKind
{
    /// <summary>face-api's SSD detector, 68-point landmarks and dlib's descriptor (the bundled models).</summary>
    FaceApi,

    /// <summary>insightface's SCRFD detector and an ArcFace recognizer, in immich's layout (buffalo_l, antelopev2).</summary>
    InsightFace,
}

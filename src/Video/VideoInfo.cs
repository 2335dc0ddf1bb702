namespace Retrieval.Video;

/// <summary>What ffprobe says of a video: its container and codec, frame size (as coded, and upright after the rotation the phone recorded), duration, and what its container records of when, where and with what it was taken.</summary>
public sealed record VideoInfo
{
    /// <summary>The container, as sniffed.</summary>
    public required VideoContainer Container { get; init; }

    /// <summary>The video codec (h264, hevc, vp9, av1, ...).</summary>
    public required string Codec { get; init; }

    /// <summary>Coded width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Coded height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>The rotation to show it upright, in degrees clockwise: 0, 90, 180 or 270.</summary>
    public int Rotation { get; init; }

    /// <summary>Length in seconds.</summary>
    public required double Duration { get; init; }

    /// <summary>When it was recorded, in the camera's local time where the container says it (Apple's creation date), else the container's UTC time in this machine's zone.</summary>
    public DateTime? TakenAt { get; init; }

    /// <summary>Where it was recorded (ISO 6709 in the container), north positive.</summary>
    public double? Latitude { get; init; }

    /// <summary>Where it was recorded, east positive.</summary>
    public double? Longitude { get; init; }

    /// <summary>The camera maker the container names (Apple's metadata, Android's).</summary>
    public string? CameraMake { get; init; }

    /// <summary>The camera model the container names.</summary>
    public string? CameraModel { get; init; }

    /// <summary>Apple's content identifier, which ties a Live Photo's movie to its still.</summary>
    public string? ContentIdentifier { get; init; }

    /// <summary>Upright width.</summary>
    public int UprightWidth => Rotation is 90 or 270 ? Height : Width;

    /// <summary>Upright height.</summary>
    public int UprightHeight => Rotation is 90 or 270 ? Width : Height;
}

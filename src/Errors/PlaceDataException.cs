namespace Retrieval.Errors;

/// <summary>The places file (data/places/places.bin.gz) is missing, truncated, or not of a version this build reads.</summary>
public sealed class PlaceDataException : RetrievalException
{
    /// <summary>Creates the exception for the places file at <paramref name="path"/>.</summary>
    public PlaceDataException(string path, string reason) : base($"Cannot load places '{path}': {reason}") => Path = path;

    /// <summary>Creates the exception with the underlying cause.</summary>
    public PlaceDataException(string path, string reason, Exception innerException)
        : base($"Cannot load places '{path}': {reason}", innerException) => Path = path;

    /// <summary>The places file at fault.</summary>
    public string Path { get; }
}

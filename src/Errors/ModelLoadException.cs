namespace Retrieval.Errors;

/// <summary>A model folder is missing a file, has a malformed config, or its ONNX graphs do not fit the CLIP contract.</summary>
public sealed class ModelLoadException : RetrievalException
{
    /// <summary>Creates the exception for the model folder or file at <paramref name="path"/>.</summary>
    public ModelLoadException(string path, string reason) : base($"Cannot load model '{path}': {reason}") => Path = path;

    /// <summary>Creates the exception with the underlying cause.</summary>
    public ModelLoadException(string path, string reason, Exception innerException)
        : base($"Cannot load model '{path}': {reason}", innerException) => Path = path;

    /// <summary>The model folder or file at fault.</summary>
    public string Path { get; }
}

namespace Retrieval.Errors;

/// <summary>ONNX Runtime refused to run a loaded encoder graph: the model breaks the contract its metadata promised.</summary>
public sealed class InferenceException : RetrievalException
{
    /// <summary>Creates the exception for the graph at <paramref name="graphPath"/>.</summary>
    public InferenceException(string graphPath, string reason, Exception innerException)
        : base($"Inference failed in '{graphPath}': {reason}", innerException) { }
}

using Microsoft.Extensions.Logging;

namespace Retrieval.Hosting;

/// <summary>
/// Every log message of the engine, source-generated. Event ids by area: Models 100-199, Imaging 200-299,
/// Vectors 1000-1999, Indexing 2000-2999.
/// </summary>
internal static partial class RetrievalLog
{
    [LoggerMessage(EventId = 100, EventName = "CudaUnavailable", Level = LogLevel.Information,
        Message = "CUDA is not available ({Reason}); running on the CPU")]
    public static partial void CudaUnavailable(this ILogger logger, string reason);

    [LoggerMessage(EventId = 101, EventName = "EncoderLoaded", Level = LogLevel.Information,
        Message = "Loaded {Graph} on {Device}: input {Input} ({InputType}), output {Output}, {Dimension} dimensions")]
    public static partial void EncoderLoaded(this ILogger logger, string graph, Retrieval.Models.ExecutionDevice device, string input, Microsoft.ML.OnnxRuntime.Tensors.TensorElementType inputType, string output, int dimension);

    [LoggerMessage(EventId = 2000, EventName = "AnalyzerPluginLoaded", Level = LogLevel.Information,
        Message = "Analyzer plug-in {Plugin}: {Analyzer} ({Type}), collections: {Collections}")]
    public static partial void AnalyzerPluginLoaded(this ILogger logger, string plugin, string analyzer, string? type, string collections);
}

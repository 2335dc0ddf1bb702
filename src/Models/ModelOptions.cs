using System.ComponentModel.DataAnnotations;

namespace Retrieval.Models;

/// <summary>Which model folder to load and how ONNX Runtime runs it.</summary>
public sealed class ModelOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:Model";

    /// <summary>
    /// A model folder in the Hugging Face ONNX layout (<c>config.json</c>, <c>preprocessor_config.json</c>,
    /// <c>vocab.json</c>, <c>merges.txt</c>, <c>onnx/text_model.onnx</c>, <c>onnx/vision_model.onnx</c>).
    /// </summary>
    public string? Path { get; set; }

    /// <summary>Where inference runs: <c>auto</c> (CUDA if it loads, else CPU), <c>cpu</c> or <c>cuda</c>.</summary>
    public ExecutionDevice Device { get; set; } = ExecutionDevice.Auto;

    /// <summary>Threads one inference may use (ONNX Runtime's intra-op pool); 0 lets ONNX Runtime use every core.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>Threads that run independent graph nodes in parallel; 0 is ONNX Runtime's default.</summary>
    [Range(0, 1024)]
    public int InterOpThreads { get; set; }

    /// <summary>The most texts or images sent to the model in one run; larger requests are split.</summary>
    [Range(1, 4096)]
    public int MaxBatchSize { get; set; } = 32;
}

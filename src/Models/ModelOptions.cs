using System.ComponentModel.DataAnnotations;

namespace Retrieval.Models;

/// <summary>Which model folder to load and how ONNX Runtime runs it.</summary>
public sealed record ModelOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:Model";

    /// <summary>
    /// A model folder in the Hugging Face / transformers.js layout (<c>config.json</c>, <c>preprocessor_config.json</c>,
    /// the tokenizer files, <c>onnx/text_model.onnx</c>, <c>onnx/vision_model.onnx</c>) or immich's
    /// (<c>config.json</c>, <c>textual/</c>, <c>visual/</c>).
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// Which graph variant of a Hugging Face layout to load: empty for the plain graphs, else the suffix its files carry
    /// (<c>quantized</c> for <c>onnx/text_model_quantized.onnx</c>, <c>fp16</c>, <c>int8</c>, <c>uint8</c>, <c>q4</c>, ...).
    /// </summary>
    [RegularExpression("^[A-Za-z0-9_]*$", ErrorMessage = "a variant is the suffix of a graph's file name: letters, digits, '_'")]
    public string? Variant { get; set; }

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

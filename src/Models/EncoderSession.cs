using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Retrieval.Errors;
using Retrieval.Hosting;

namespace Retrieval.Models;

/// <summary>
/// An encoder's graph (an <see cref="OnnxGraph"/>), shared by every worker, and the embedding output it exposes (the
/// preferred name, else the only 2-D output), read from its metadata.
/// </summary>
internal sealed class EncoderSession : IDisposable
{
    private readonly OnnxGraph _graph;
    private readonly string[] _outputNames;

    private EncoderSession(OnnxGraph graph, string outputName, int dimension, bool perToken)
    {
        _graph = graph;
        Path = graph.Path;
        Device = graph.Device;
        OutputName = outputName;
        _outputNames = [outputName];
        Dimension = dimension;
        PerToken = perToken;
    }

    /// <summary>The graph file.</summary>
    public string Path { get; }

    /// <summary>Where the graph runs: <see cref="ExecutionDevice.Cpu"/> or <see cref="ExecutionDevice.Cuda"/>.</summary>
    public ExecutionDevice Device { get; }

    /// <summary>The embedding output.</summary>
    public string OutputName { get; }

    /// <summary>The embedding size.</summary>
    public int Dimension { get; }

    /// <summary>
    /// Whether the output is one vector per token, [batch, tokens, dimension] (a plain BERT-style encoder's
    /// <c>last_hidden_state</c>), which the caller pools by the attention mask, rather than one per input.
    /// </summary>
    public bool PerToken { get; }

    /// <summary>The graph's inputs by name.</summary>
    public IReadOnlyDictionary<string, NodeMetadata> Inputs => _graph.Session.InputMetadata;

    /// <summary>The batch size the graph is fixed to (immich's exports take one input at a time), or null when it takes any.</summary>
    public int? FixedBatch => _graph.Session.InputMetadata.Values.Select(i => i.Dimensions.Length > 0 ? i.Dimensions[0] : -1).Where(d => d > 0).Select(d => (int?)d).Min();

    /// <summary>The element type the graph declares for input <paramref name="name"/>, float16 reported as float (it is converted).</summary>
    public TensorElementType InputType(string name) =>
        _graph.Session.InputMetadata[name].ElementDataType is var type && type == TensorElementType.Float16 ? TensorElementType.Float : type;

    /// <summary>Loads <paramref name="path"/> on the device <paramref name="options"/> asks for.</summary>
    public static EncoderSession Open(string path, string preferredOutput, int? declaredDimension, ModelOptions options, ILogger logger)
    {
        var graph = OnnxGraph.Open(path, options, logger);
        try
        {
            var (output, dimension, perToken) = FindEmbeddingOutput(graph.Session, path, preferredOutput, declaredDimension);
            return new EncoderSession(graph, output, dimension, perToken);
        }
        catch
        {
            graph.Dispose();
            throw;
        }
    }

    /// <summary>Runs the graph, writing the embedding output into <paramref name="output"/>; cancellation aborts the run in native code.</summary>
    public void Run(IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs, OrtValue output, CancellationToken cancellationToken) =>
        Run(inputNames, inputs, _outputNames, [output], cancellationToken);

    /// <summary>Runs the graph, writing the named outputs into <paramref name="outputs"/>; cancellation aborts the run in native code.</summary>
    public void Run(IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs, IReadOnlyCollection<string> outputNames, IReadOnlyCollection<OrtValue> outputs, CancellationToken cancellationToken) =>
        _graph.Run(inputNames, inputs, outputNames, outputs, cancellationToken);

    /// <summary>The width of the 2-D float output <paramref name="name"/> ([batch, width]), or null when the graph has no such output.</summary>
    public int? OutputWidth(string name) =>
        _graph.Session.OutputMetadata.TryGetValue(name, out var metadata) && metadata.IsTensor && metadata.Dimensions.Length == 2
            && metadata.ElementDataType is TensorElementType.Float or TensorElementType.Float16 && metadata.Dimensions[1] > 0
            ? metadata.Dimensions[1]
            : null;

    public void Dispose() => _graph.Dispose();

    /// <summary>
    /// The embedding output: the preferred name (<c>text_embeds</c>, <c>image_embeds</c>), else <c>embedding</c>
    /// (immich's exports), else <c>sentence_embedding</c> (sentence-transformers exports), else <c>last_hidden_state</c> per token (a
    /// BERT-style encoder exported without its pooling: its other 2-D output is BERT's [CLS] pooler, not a
    /// sentence vector), else the one 2-D float output, else the one 3-D float output, per token.
    /// </summary>
    private static (string Name, int Dimension, bool PerToken) FindEmbeddingOutput(InferenceSession session, string path, string preferred, int? declared)
    {
        var outputs = session.OutputMetadata;
        string Only(int rank) => outputs.Where(o => o.Value.IsTensor && o.Value.Dimensions.Length == rank).Select(o => o.Key).ToList() switch
        {
            [var only] => only,
            _ => "",
        };

        var name = ((string[])[preferred, "embedding", "sentence_embedding", "last_hidden_state"]).FirstOrDefault(outputs.ContainsKey)
            ?? (Only(2) is { Length: > 0 } flat ? flat : Only(3));
        if (name.Length == 0)
        {
            throw new ModelLoadException(path, $"no '{preferred}' output, and not exactly one two- or three-dimensional output (outputs: {string.Join(", ", outputs.Keys)})");
        }

        var metadata = outputs[name];
        if (metadata.ElementDataType is not (TensorElementType.Float or TensorElementType.Float16) || metadata.Dimensions.Length is not (2 or 3))
        {
            throw new ModelLoadException(path, $"output '{name}' must be float32 or float16 [batch, dimension] (or [batch, tokens, dimension])");
        }

        // Exports may leave the embedding axis symbolic; the config then says how wide it is.
        var dimension = metadata.Dimensions[^1] > 0 ? metadata.Dimensions[^1] : declared
            ?? throw new ModelLoadException(path, $"output '{name}' has no fixed width and config.json declares no projection_dim");
        return (name, dimension, metadata.Dimensions.Length == 3);
    }

}

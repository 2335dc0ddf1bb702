using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Retrieval.Errors;
using Retrieval.Hosting;

namespace Retrieval.Models;

/// <summary>
/// One ONNX graph loaded for inference, shared by every worker: the session, the device it runs on, and
/// the embedding output it exposes (the preferred name, else the only 2-D output), read from its metadata.
/// Callers speak float32: a graph exported in float16 (a transformers.js <c>_fp16</c> variant) has its float
/// inputs narrowed and its outputs widened here.
/// </summary>
internal sealed class EncoderSession : IDisposable
{
    // CUDA either loads in this process or it does not: after one failure, later sessions go straight to
    // the CPU, so the fallback is said once rather than once per graph.
    private static volatile bool s_cudaFailed;

    private readonly InferenceSession _session;
    private readonly string[] _outputNames;

    static EncoderSession()
    {
        // ORT's process-wide log would print a multi-line native error for an expected CUDA fallback;
        // failures reach us as exceptions anyway, so only fatal messages go to its log.
        // When the host made the environment first, its settings stand.
        if (OrtEnv.IsCreated)
        {
            return;
        }

        var environment = new EnvironmentCreationOptions { logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        try
        {
            OrtEnv.CreateInstanceWithOptions(ref environment);
        }
        catch (OnnxRuntimeException)
        {
            // Another thread created it between the check and here; that environment serves as well.
        }
    }

    private EncoderSession(InferenceSession session, string path, ExecutionDevice device, string outputName, int dimension, bool perToken)
    {
        _session = session;
        Path = path;
        Device = device;
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
    public IReadOnlyDictionary<string, NodeMetadata> Inputs => _session.InputMetadata;

    /// <summary>The batch size the graph is fixed to (immich's exports take one input at a time), or null when it takes any.</summary>
    public int? FixedBatch => _session.InputMetadata.Values.Select(i => i.Dimensions.Length > 0 ? i.Dimensions[0] : -1).Where(d => d > 0).Select(d => (int?)d).Min();

    /// <summary>The element type the graph declares for input <paramref name="name"/>, float16 reported as float (it is converted).</summary>
    public TensorElementType InputType(string name) =>
        _session.InputMetadata[name].ElementDataType is var type && type == TensorElementType.Float16 ? TensorElementType.Float : type;

    /// <summary>Loads <paramref name="path"/> on the device <paramref name="options"/> asks for.</summary>
    public static EncoderSession Open(string path, string preferredOutput, int? declaredDimension, ModelOptions options, ILogger logger)
    {
        var (session, device) = CreateSession(path, options, logger);
        try
        {
            var (output, dimension, perToken) = FindEmbeddingOutput(session, path, preferredOutput, declaredDimension);
            return new EncoderSession(session, path, device, output, dimension, perToken);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs the graph, writing the embedding output into <paramref name="output"/>; cancellation aborts the run in native code.</summary>
    public void Run(IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs, OrtValue output, CancellationToken cancellationToken) =>
        Run(inputNames, inputs, _outputNames, [output], cancellationToken);

    /// <summary>The width of the 2-D float output <paramref name="name"/> ([batch, width]), or null when the graph has no such output.</summary>
    public int? OutputWidth(string name) =>
        _session.OutputMetadata.TryGetValue(name, out var metadata) && metadata.IsTensor && metadata.Dimensions.Length == 2
            && metadata.ElementDataType is TensorElementType.Float or TensorElementType.Float16 && metadata.Dimensions[1] > 0
            ? metadata.Dimensions[1]
            : null;

    /// <summary>Runs the graph, writing the named outputs into <paramref name="outputs"/>; cancellation aborts the run in native code.</summary>
    public void Run(IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs, IReadOnlyCollection<string> outputNames, IReadOnlyCollection<OrtValue> outputs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var runOptions = new RunOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        using var halves = new HalfPrecision(_session, inputNames, inputs, outputNames, outputs);
        try
        {
            _session.Run(runOptions, inputNames, halves.Inputs, outputNames, halves.Outputs);
            halves.WidenOutputs();
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InferenceException(Path, e.Message, e);
        }
    }

    public void Dispose() => _session.Dispose();

    private static (InferenceSession Session, ExecutionDevice Device) CreateSession(string path, ModelOptions options, ILogger logger)
    {
        if (options.Device == ExecutionDevice.Cuda || (options.Device == ExecutionDevice.Auto && !s_cudaFailed))
        {
            try
            {
                return (Load(path, options, cuda: true), ExecutionDevice.Cuda);
            }
            catch (Exception e) when (options.Device == ExecutionDevice.Auto && e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                s_cudaFailed = true;
                // Information, not a warning: auto means "CUDA if there is one", so the CPU is an expected answer;
                // --verbose shows it, and --device cuda makes a missing CUDA an error.
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.CudaUnavailable(FirstLine(e.Message));
                }
            }
            catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
            {
                throw new ModelLoadException(path, $"--device cuda was asked for, but CUDA does not start here: {FirstLine(e.Message)}", e);
            }
        }

        return (Load(path, options, cuda: false), ExecutionDevice.Cpu);
    }

    private static InferenceSession Load(string path, ModelOptions options, bool cuda)
    {
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = options.InterOpThreads,
            // Failures reach us as exceptions (a missing CUDA runtime, a node that fails at run time), reported in
            // one line by the caller: ORT's own native log would print them again, on stderr, over the CLI's output.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
        };
        try
        {
            if (cuda)
            {
                sessionOptions.AppendExecutionProvider_CUDA(0);
            }

            return new InferenceSession(path, sessionOptions);
        }
        catch (OnnxRuntimeException e) when (!cuda)
        {
            throw new ModelLoadException(path, $"ONNX Runtime cannot load the graph: {FirstLine(e.Message)}", e);
        }
    }

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

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Retrieval.Errors;
using Retrieval.Hosting;

namespace Retrieval.Models;

/// <summary>
/// One ONNX graph loaded for inference on the device asked for (CUDA when it starts, else the CPU, said once), run
/// with cancellation that aborts in native code and failures as <see cref="InferenceException"/>. Callers speak
/// float32: a graph exported in float16 has its float inputs narrowed and its outputs widened here. Thread-safe.
/// </summary>
internal sealed class OnnxGraph : IDisposable
{
    // CUDA either loads in this process or it does not: after one failure, later sessions go straight to
    // the CPU, so the fallback is said once rather than once per graph.
    private static volatile bool s_cudaFailed;

    private OnnxGraph(InferenceSession session, string path, ExecutionDevice device)
    {
        Session = session;
        Path = path;
        Device = device;
    }

    static OnnxGraph()
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

    /// <summary>The graph file.</summary>
    public string Path { get; }

    /// <summary>Where the graph runs.</summary>
    public ExecutionDevice Device { get; }

    /// <summary>The loaded session, for its metadata.</summary>
    public InferenceSession Session { get; }

    /// <summary>Loads <paramref name="path"/> on the device <paramref name="options"/> asks for.</summary>
    /// <exception cref="ModelLoadException">ONNX Runtime cannot load it, or CUDA was demanded and does not start.</exception>
    public static OnnxGraph Open(string path, ModelOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (session, device) = CreateSession(path, options, logger);
        return new OnnxGraph(session, path, device);
    }

    /// <summary>Runs the graph, writing the named outputs into <paramref name="outputs"/>; cancellation aborts the run in native code.</summary>
    public void Run(IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs, IReadOnlyCollection<string> outputNames, IReadOnlyCollection<OrtValue> outputs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var runOptions = new RunOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        using var halves = new HalfPrecision(Session, inputNames, inputs, outputNames, outputs);
        try
        {
            Session.Run(runOptions, inputNames, halves.Inputs, outputNames, halves.Outputs);
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

    public void Dispose() => Session.Dispose();

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

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

using System.CommandLine;
using Retrieval.Models;

namespace Retrieval.Indexer.Commands;

/// <summary>The flags every model-using command shares, and how they become <see cref="ModelOptions"/>.</summary>
internal sealed class ModelArguments
{
    private const string ModelVariable = "RETRIEVAL_MODEL";

    private readonly Option<DirectoryInfo?> _model;

    private readonly Option<ExecutionDevice> _device = new("--device")
    {
        Description = "Where inference runs: auto (CUDA if available, else CPU), cpu or cuda",
        DefaultValueFactory = _ => ExecutionDevice.Auto,
    };

    private readonly Option<int> _threads = new("--threads")
    {
        Description = "Threads per inference (0: all cores)",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<int> _batchSize = new("--batch-size")
    {
        Description = "Most texts or images per model run",
        DefaultValueFactory = _ => 32,
    };

    /// <param name="bundledDefault">Whether --model may be left out, falling back to the model shipped with the program.</param>
    public ModelArguments(bool bundledDefault = false)
    {
        _model = CreateFolderOption(bundledDefault);
        _threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--threads must be 0 or more");
            }
        });
        _batchSize.Validators.Add(result => OptionRules.Range(result, 1, 4096, "--batch-size"));
    }

    /// <summary>The default model shipped with the program (copied beside it from data/models; see its README).</summary>
    public static string BundledModel => Path.Combine(AppContext.BaseDirectory, "models", "minilm-mobilenetv2");

    /// <summary>The random-weight test model shipped beside it, whose results are noise.</summary>
    private static string RandomModel => Path.Combine(AppContext.BaseDirectory, "models", "tiny-random-clip");

    /// <summary>Whether <paramref name="options"/> name the bundled random-weight model.</summary>
    public static bool IsRandom(ModelOptions options) =>
        string.Equals(Path.GetFullPath(options.Path!), Path.GetFullPath(RandomModel), StringComparison.Ordinal);

    /// <summary>--model: the model folder, else $RETRIEVAL_MODEL, else (when allowed) the bundled model; one of them is required.</summary>
    public static Option<DirectoryInfo?> CreateFolderOption(bool bundledDefault = false)
    {
        var option = new Option<DirectoryInfo?>("--model", "-m")
        {
            Description = bundledDefault
                ? $"Model folder in the Hugging Face ONNX layout (default: ${ModelVariable}, else the bundled model)"
                : $"Model folder in the Hugging Face ONNX layout (default: ${ModelVariable})",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ModelVariable) is { Length: > 0 } path ? new DirectoryInfo(path)
                : bundledDefault ? new DirectoryInfo(BundledModel) : null,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<DirectoryInfo?>() is null)
            {
                result.AddError($"--model is required (or set ${ModelVariable})");
            }
        });
        return option;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_model);
        command.Options.Add(_device);
        command.Options.Add(_threads);
        command.Options.Add(_batchSize);
    }

    public ModelOptions Read(ParseResult result) => new()
    {
        Path = result.GetValue(_model)!.FullName,
        Device = result.GetValue(_device),
        IntraOpThreads = result.GetValue(_threads),
        MaxBatchSize = result.GetValue(_batchSize),
    };

    /// <summary>Loads the model the flags name, saying on stderr when it is the bundled random-weight one.</summary>
    public ClipModel Load(ParseResult result, Microsoft.Extensions.Logging.ILogger logger, int? batchSize = null)
    {
        var options = Read(result);
        if (batchSize is { } batch)
        {
            options.MaxBatchSize = batch;
        }

        if (IsRandom(options))
        {
            Console.Error.WriteLine("note: tiny-random-clip has random weights (it is for tests), so results are noise. Leave out --model for the default model, or give a real one (see the README).");
        }

        return ClipModel.Load(options, logger);
    }
}

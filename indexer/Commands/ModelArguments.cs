using System.CommandLine;
using Retrieval.Models;

namespace Retrieval.Indexer.Commands;

/// <summary>The flags every model-using command shares, and how they become <see cref="ModelOptions"/>.</summary>
internal sealed class ModelArguments
{
    private const string ModelVariable = "RETRIEVAL_MODEL";

    private readonly Option<DirectoryInfo?> _model = CreateFolderOption();

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

    public ModelArguments()
    {
        _threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--threads must be 0 or more");
            }
        });
        _batchSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 4096)
            {
                result.AddError("--batch-size must be from 1 to 4096");
            }
        });
    }

    /// <summary>--model: the model folder, else $RETRIEVAL_MODEL; one of them is required.</summary>
    public static Option<DirectoryInfo?> CreateFolderOption()
    {
        var option = new Option<DirectoryInfo?>("--model", "-m")
        {
            Description = $"Model folder in the Hugging Face ONNX layout (default: ${ModelVariable})",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ModelVariable) is { Length: > 0 } path ? new DirectoryInfo(path) : null,
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
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Retrieval.Models;

namespace Retrieval.Benchmarks.Models;

/// <summary>
/// The text tower on 2 threads, captions of typical length: our <see cref="TextEncoder"/> (tokenizing included)
/// against ONNX Runtime called directly on the same graph with ids tokenized beforehand (the baseline).
/// Texts/s = Batch / time. Models: the shipped default and the ViT-B/32-sized random model.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 9)]
public class TextEncodeBenchmarks
{
    private const int Threads = 2;

    private static readonly string[] Captions =
    [
        "a dog runs through the tall green grass",
        "two people riding bicycles down a city street at night",
        "a bowl of noodles with broccoli and a fork",
        "children playing football on a sandy beach at sunset",
    ];

    private ClipModel? _model;
    private InferenceSession? _direct;
    private string[] _texts = [];
    private (string Name, long[] Values)[] _inputs = [];
    private long[] _shape = [];

    [Params(1, 8, 32)]
    public int Batch { get; set; }

    [Params("default", "vit-b32 fp32")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _model = ClipModel.Load(new ModelOptions
        {
            Path = BenchmarkInputs.Model(Model), Device = ExecutionDevice.Cpu, IntraOpThreads = Threads, MaxBatchSize = Batch,
        });
        _texts = [.. Enumerable.Range(0, Batch).Select(i => Captions[i % Captions.Length])];

        // The baseline's inputs: the same ids, padded to the longest text as the encoder pads them.
        var ids = _texts.Select(_model.Text.Tokenizer.Encode).ToList();
        var longest = ids.Max(i => i.Length);
        _shape = [Batch, longest];
        var padded = new long[Batch * longest];
        var mask = new long[Batch * longest];
        padded.AsSpan().Fill(_model.Text.Tokenizer.PaddingId);
        for (var row = 0; row < Batch; row++)
        {
            for (var t = 0; t < ids[row].Length; t++)
            {
                padded[(row * longest) + t] = ids[row][t];
                mask[(row * longest) + t] = 1;
            }
        }

        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = Threads };
        _direct = new InferenceSession(_model.Manifest.TextModelPath, options);
        _inputs = [.. _direct.InputMetadata.Select(input => input.Value.ElementDataType != TensorElementType.Int64
            ? throw new InvalidOperationException($"the baseline feeds int64 ids; {input.Key} is {input.Value.ElementDataType}")
            : (input.Key, input.Key switch
            {
                "input_ids" => padded,
                "attention_mask" => mask,
                _ => new long[Batch * longest],
            }))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model?.Dispose();
        _direct?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "ONNX Runtime directly (ids given)")]
    public float DirectOrt()
    {
        var values = _inputs.Select(i => OrtValue.CreateTensorValueFromMemory(i.Values, _shape)).ToList();
        try
        {
            using var runOptions = new RunOptions();
            using var outputs = _direct!.Run(runOptions, [.. _inputs.Select(i => i.Name)], values, [_direct.OutputNames[0]]);
            return outputs[0].GetTensorDataAsSpan<float>()[0];
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    [Benchmark(Description = "TextEncoder.Encode")]
    public float[][] Encode() => _model!.Text.Encode(_texts);
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Retrieval.Models;

namespace Retrieval.Benchmarks.Models;

/// <summary>Tokenize + text tower of the ViT-B/32-sized random model on 2 threads, captions of typical length.</summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 9)]
public class TextEncodeBenchmarks
{
    private static readonly string[] Captions =
    [
        "a dog runs through the tall green grass",
        "two people riding bicycles down a city street at night",
        "a bowl of noodles with broccoli and a fork",
        "children playing football on a sandy beach at sunset",
    ];

    private ClipModel? _model;
    private string[] _texts = [];

    [Params(1, 8, 32)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = ClipModel.Load(new ModelOptions
        {
            Path = BenchmarkInputs.VitB32Model("fp32"), Device = ExecutionDevice.Cpu, IntraOpThreads = 2, MaxBatchSize = Batch,
        });
        _texts = Enumerable.Range(0, Batch).Select(i => Captions[i % Captions.Length]).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();

    [Benchmark]
    public float[][] Encode() => _model!.Text.Encode(_texts);
}

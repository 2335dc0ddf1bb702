using Retrieval.Testing;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.ML.OnnxRuntime;
using Retrieval.Models;

namespace Retrieval.Benchmarks.Models;

/// <summary>
/// The image tower on 2 threads: our <see cref="ImageEncoder"/> against ONNX Runtime called directly on the same
/// graph with the same session options and outputs (the baseline). Images/s = Batch / time. Models: the shipped
/// default, and a ViT-B/32-sized random model and its dynamically quantized int8 copy (tools/quantize_model.py).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 9)]
public class ImageEncodeBenchmarks
{
    private const int Threads = 2;
    private ClipModel? _model;
    private ImageBatch? _batch;
    private InferenceSession? _direct;
    private float[] _embeddings = [];
    private float[] _pixels = [];
    private long[] _shape = [];
    private string[] _outputs = [];
    private string _input = "";

    [Params(1, 8, 32)]
    public int Batch { get; set; }

    [Params("default", "vit-b32 fp32", "vit-b32 int8")]
    public string Model { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var folder = BenchmarkInputs.Model(Model);
        _model = TestModels.Load(folder, Batch, Threads);
        _batch = _model.Images.CreateBatch();
        var random = new Random(42);
        for (var i = 0; i < Batch; i++)
        {
            var slot = _batch.Slot(i);
            for (var j = 0; j < slot.Length; j++)
            {
                slot[j] = (float)((random.NextDouble() * 4) - 2);
            }
        }

        _pixels = new float[Batch * _model.Manifest.Preprocess.TensorLength];
        for (var i = 0; i < Batch; i++)
        {
            _batch.Slot(i).CopyTo(_pixels.AsSpan(i * _model.Manifest.Preprocess.TensorLength));
        }

        _shape = [Batch, 3, _model.Manifest.Preprocess.CropHeight, _model.Manifest.Preprocess.CropWidth];
        _embeddings = new float[Batch * _model.Dimension];
        _outputs = _model.Images.Labels is null ? ["image_embeds"] : ["image_embeds", "class_probabilities"];
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = Threads };
        _direct = new InferenceSession(_model.Manifest.VisionModelPath, options);
        _input = _direct.InputNames.Contains("pixel_values") ? "pixel_values" : _direct.InputNames[0]; // as the encoder picks it
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _model?.Dispose();
        _direct?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "ONNX Runtime directly")]
    public float DirectOrt()
    {
        using var input = OrtValue.CreateTensorValueFromMemory(_pixels, _shape);
        using var runOptions = new RunOptions();
        using var outputs = _direct!.Run(runOptions, [_input], [input], _outputs);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    [Benchmark(Description = "ImageEncoder.Encode")]
    public float Encoder()
    {
        _model!.Images.Encode(_batch!, Batch, _embeddings);
        return _embeddings[0];
    }
}

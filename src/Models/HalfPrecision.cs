using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Retrieval.Models;

/// <summary>
/// One run's float16 stand-ins for a graph exported in half precision: each float32 input the graph declares as
/// float16 is narrowed into a new tensor, each such output gets a float16 tensor that <see cref="WidenOutputs"/>
/// copies back into the caller's float32 one. For a float32 graph it passes the caller's tensors through untouched.
/// </summary>
internal sealed class HalfPrecision : IDisposable
{
    private readonly List<OrtValue> _owned = [];
    private readonly List<(OrtValue Half, OrtValue Single)> _outputs = [];

    public HalfPrecision(InferenceSession session, IReadOnlyCollection<string> inputNames, IReadOnlyCollection<OrtValue> inputs,
        IReadOnlyCollection<string> outputNames, IReadOnlyCollection<OrtValue> outputs)
    {
        Inputs = [.. inputNames.Zip(inputs, (name, value) => session.InputMetadata[name].ElementDataType == TensorElementType.Float16 ? Narrow(value) : value)];
        Outputs = [.. outputNames.Zip(outputs, (name, value) => session.OutputMetadata[name].ElementDataType == TensorElementType.Float16 ? HalfOf(value) : value)];
    }

    /// <summary>The inputs to run with.</summary>
    public IReadOnlyCollection<OrtValue> Inputs { get; }

    /// <summary>The outputs to run with.</summary>
    public IReadOnlyCollection<OrtValue> Outputs { get; }

    /// <summary>Copies each float16 output into the caller's float32 tensor.</summary>
    public void WidenOutputs()
    {
        foreach (var (half, single) in _outputs)
        {
            var from = half.GetTensorDataAsSpan<Float16>();
            var to = single.GetTensorMutableDataAsSpan<float>();
            for (var i = 0; i < from.Length; i++)
            {
                to[i] = (float)from[i];
            }
        }
    }

    public void Dispose()
    {
        foreach (var value in _owned)
        {
            value.Dispose();
        }
    }

    private OrtValue Narrow(OrtValue single)
    {
        var half = Own(single);
        var from = single.GetTensorDataAsSpan<float>();
        var to = half.GetTensorMutableDataAsSpan<Float16>();
        for (var i = 0; i < from.Length; i++)
        {
            to[i] = (Float16)from[i];
        }

        return half;
    }

    private OrtValue HalfOf(OrtValue single)
    {
        var half = Own(single);
        _outputs.Add((half, single));
        return half;
    }

    private OrtValue Own(OrtValue single)
    {
        var half = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float16, single.GetTensorTypeAndShape().Shape);
        _owned.Add(half);
        return half;
    }
}

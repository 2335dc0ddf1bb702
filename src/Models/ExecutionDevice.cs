namespace Retrieval.Models;

/// <summary>Where ONNX Runtime runs the encoders.</summary>
public enum ExecutionDevice
{
    /// <summary>CUDA when the GPU runtime loads, else the CPU, saying so once.</summary>
    Auto,

    /// <summary>The CPU only.</summary>
    Cpu,

    /// <summary>CUDA only: failing to start it is an error, not a fallback.</summary>
    Cuda,
}

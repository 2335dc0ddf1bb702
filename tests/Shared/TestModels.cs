using Retrieval.Models;

namespace Retrieval.Testing;

/// <summary>The one way tests and benchmarks load a model: on the CPU, with the batch and threads they ask for.</summary>
internal static class TestModels
{
    /// <summary>The model in <paramref name="folder"/>.</summary>
    public static ClipModel Load(string folder, int batch = 32, int threads = 0) =>
        ClipModel.Load(new ModelOptions { Path = folder, Device = ExecutionDevice.Cpu, MaxBatchSize = batch, IntraOpThreads = threads });

    /// <summary>The bundled random-weight model.</summary>
    public static ClipModel Tiny(int batch = 32, int threads = 0) => Load(RepositoryPaths.TinyModel, batch, threads);

    /// <summary>The shipped default model.</summary>
    public static ClipModel Default(int batch = 32, int threads = 0) => Load(RepositoryPaths.DefaultModel, batch, threads);
}

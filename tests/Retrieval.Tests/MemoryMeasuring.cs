namespace Retrieval.Tests;

/// <summary>
/// Tests that measure this process's peak memory run alone: any test beside them would count in the peak they read.
/// (Allocations measured per thread, and child processes' peaks, need no such care.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuring
{
    /// <summary>The collection's name.</summary>
    public const string Name = "measuring the process's peak memory";
}

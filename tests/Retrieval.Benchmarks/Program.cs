using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/Retrieval.Benchmarks -- --filter '*'   (see README, "Benchmarks")
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

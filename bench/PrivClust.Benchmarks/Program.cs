using BenchmarkDotNet.Running;
using PrivClust.Benchmarks;

// dotnet run -c Release --project bench/PrivClust.Benchmarks -- [profile [n] | metrics [n...] | traffic [n] | clustering [workload...] | <BenchmarkDotNet args>]
if (args.Length > 0 && args[0] == "profile")
{
    int n = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
    Profiler.Run(n);
    return;
}
if (args.Length > 0 && args[0] == "clustering")
{
    ClusteringWorkloads.Print(args[1..]);
    return;
}
if (args.Length > 0 && args[0] == "traffic")
{
    Traffic.Print(args.Length > 1 ? int.Parse(args[1]) : 4096);
    return;
}
if (args.Length > 0 && args[0] == "metrics")
{
    int[] sizes = args.Length > 1 ? args[1..].Select(int.Parse).ToArray() : Metrics.Sizes;
    Metrics.PrintTable(Metrics.Workloads_, sizes);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(MultiplyBenchmark).Assembly).Run(args);

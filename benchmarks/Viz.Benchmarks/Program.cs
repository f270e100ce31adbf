using BenchmarkDotNet.Running;

// Every benchmark class in this assembly; pick with --filter (e.g. --filter '*Snapshot*'), list with --list flat.
BenchmarkSwitcher.FromAssembly(typeof(Viz.Benchmarks.SnapshotBenchmarks).Assembly).Run(args);

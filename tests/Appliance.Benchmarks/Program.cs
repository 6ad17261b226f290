using BenchmarkDotNet.Running;

// `./build.sh bench` runs every benchmark; pass BenchmarkDotNet filters to pick some.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

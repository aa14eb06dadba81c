using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is selectable with --filter; see README.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

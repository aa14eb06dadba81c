namespace Appliance.Audio.Tests.Denoise.Neural;

/// <summary>Where an emscripten module expects its host functions (module and field names).</summary>
internal sealed record EmscriptenImports(string Module, string AssertFail, string ResizeHeap, string? MemcpyBig);

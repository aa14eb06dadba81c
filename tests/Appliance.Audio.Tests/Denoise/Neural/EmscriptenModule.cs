using Wasmtime;

namespace Appliance.Audio.Tests.Denoise.Neural;

/// <summary>
/// One instance of an emscripten-built <c>.wasm</c> (no JavaScript glue) under Wasmtime. Such builds
/// import only a few host functions: <c>__assert_fail</c>, <c>emscripten_resize_heap</c> (malloc asks
/// the host to grow linear memory) and, in older builds, <c>emscripten_memcpy_big</c>. Minified builds
/// rename imports and exports to letters, so the caller passes the names it found in the module
/// (listed by <see cref="Describe"/>). Linear memory is fetched per call because growing it moves it.
/// </summary>
internal sealed class EmscriptenModule : IDisposable
{
    private const int PageBytes = 65536;

    private readonly Engine _engine;
    private readonly Module _module;
    private readonly Linker _linker;
    private readonly Store _store;
    private readonly Memory _memory;

    /// <param name="imports">Module and field names of the three host functions (memcpy may be null).</param>
    /// <param name="memoryExport">Name of the exported linear memory.</param>
    /// <param name="constructors">Exports to call once after instantiation (stack init, static constructors).</param>
    public EmscriptenModule(string path, EmscriptenImports imports, string memoryExport, params string[] constructors)
    {
        _engine = new Engine();
        _module = Module.FromFile(_engine, path);
        _linker = new Linker(_engine);
        _store = new Store(_engine);
        Memory? memory = null;
        _linker.DefineFunction(imports.Module, imports.AssertFail, (int condition, int file, int line, int function) =>
            throw new InvalidOperationException($"wasm assertion failed at line {line}"));
        _linker.DefineFunction(imports.Module, imports.ResizeHeap, (int requested) =>
        {
            long missing = (uint)requested - memory!.GetLength();
            if (missing > 0)
            {
                memory.Grow((missing + PageBytes - 1) / PageBytes);
            }
            return 1;
        });
        if (imports.MemcpyBig is not null)
        {
            // Old emscripten's memcpy for large blocks; returns the destination like memcpy.
            _linker.DefineFunction(imports.Module, imports.MemcpyBig, (int destination, int source, int count) =>
            {
                memory!.GetSpan(source, count).CopyTo(memory.GetSpan(destination, count));
                return destination;
            });
        }
        Instance = _linker.Instantiate(_store, _module);
        memory = Instance.GetMemory(memoryExport) ?? throw new InvalidDataException($"{path}: no memory export '{memoryExport}'.");
        _memory = memory;
        foreach (string name in constructors)
        {
            (Instance.GetAction(name) ?? throw new InvalidDataException($"{path}: no export '{name}'."))();
        }
    }

    public Instance Instance { get; }

    /// <summary>A typed export, or an error naming the missing export.</summary>
    public Func<T1, T2, T3, TResult> Function<T1, T2, T3, TResult>(string name) where TResult : struct =>
        Instance.GetFunction<T1, T2, T3, TResult>(name) ?? throw new InvalidDataException($"No export '{name}' of that type.");

    public Func<T1, T2, TResult> Function<T1, T2, TResult>(string name) where TResult : struct =>
        Instance.GetFunction<T1, T2, TResult>(name) ?? throw new InvalidDataException($"No export '{name}' of that type.");

    public Func<T1, TResult> Function<T1, TResult>(string name) where TResult : struct =>
        Instance.GetFunction<T1, TResult>(name) ?? throw new InvalidDataException($"No export '{name}' of that type.");

    public Func<TResult> Function<TResult>(string name) where TResult : struct =>
        Instance.GetFunction<TResult>(name) ?? throw new InvalidDataException($"No export '{name}' of that type.");

    public Action<T1> Action<T1>(string name) =>
        Instance.GetAction<T1>(name) ?? throw new InvalidDataException($"No export '{name}' of that type.");

    public Action<T1, T2, T3> Action<T1, T2, T3>(string name) =>
        Instance.GetAction<T1, T2, T3>(name) ?? throw new InvalidDataException($"No export '{name}' of that type.");

    /// <summary><paramref name="count"/> 16-bit samples of linear memory at byte address <paramref name="address"/>.</summary>
    public Span<short> Shorts(int address, int count) => _memory.GetSpan<short>(address, count);

    /// <summary><paramref name="count"/> floats of linear memory at byte address <paramref name="address"/>.</summary>
    public Span<float> Floats(int address, int count) => _memory.GetSpan<float>(address, count);

    public void Dispose()
    {
        _store.Dispose();
        _linker.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }
}

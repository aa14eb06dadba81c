namespace Appliance.Audio.Mixing;

/// <summary>Plays a loop endlessly, adding it with a gain into a mix buffer; remembers its position.</summary>
internal sealed class LoopPlayer
{
    private ReadOnlyMemory<short> _loop;
    private int _position;

    public bool IsSet => !_loop.IsEmpty;

    public void Set(ReadOnlyMemory<short> loop)
    {
        if (!loop.Equals(_loop))
        {
            _loop = loop;
            _position = 0;
        }
    }

    public void Clear() => _loop = ReadOnlyMemory<short>.Empty;

    public void AddTo(Span<float> mix, float gain)
    {
        ReadOnlySpan<short> loop = _loop.Span;
        if (loop.IsEmpty)
        {
            return;
        }
        for (int i = 0; i < mix.Length; i++)
        {
            mix[i] += gain * loop[_position];
            if (++_position == loop.Length)
            {
                _position = 0;
            }
        }
    }
}

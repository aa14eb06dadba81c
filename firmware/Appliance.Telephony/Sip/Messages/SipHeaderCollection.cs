namespace Appliance.Telephony.Sip.Messages;

/// <summary>Ordered header lines of one message; names are canonical (see <see cref="SipHeaderNames"/>).</summary>
public sealed class SipHeaderCollection
{
    private readonly List<SipHeader> _headers = [];

    public int Count => _headers.Count;

    public IReadOnlyList<SipHeader> All => _headers;

    /// <summary>The first value of a header, or null.</summary>
    public string? Get(string name)
    {
        name = SipHeaderNames.Canonical(name);
        foreach (var h in _headers)
        {
            if (ReferenceEquals(h.Name, name) || string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return h.Value;
            }
        }
        return null;
    }

    public int CountOf(string name)
    {
        name = SipHeaderNames.Canonical(name);
        var n = 0;
        foreach (var h in _headers)
        {
            if (string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>
    /// Every value of a header across all its lines; list headers (Via, Contact, Route...) are also
    /// split at top-level commas. False when a list value has unbalanced quotes or brackets.
    /// </summary>
    public bool TryGetValues(string name, List<string> values)
    {
        name = SipHeaderNames.Canonical(name);
        var split = SipHeaderNames.IsList(name);
        foreach (var h in _headers)
        {
            if (!string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!split)
            {
                values.Add(h.Value);
            }
            else if (!SipSyntax.TrySplitList(h.Value, values))
            {
                return false;
            }
        }
        return true;
    }

    public List<string> GetValues(string name)
    {
        var list = new List<string>();
        TryGetValues(name, list);
        return list;
    }

    public void Add(string name, string value) => _headers.Add(new SipHeader(SipHeaderNames.Canonical(name), value));

    /// <summary>Adds a header line before every other (a new top Via).</summary>
    public void AddFirst(string name, string value) => _headers.Insert(0, new SipHeader(SipHeaderNames.Canonical(name), value));

    /// <summary>Replaces all lines of a header by one line, keeping the position of the first.</summary>
    public void Set(string name, string value)
    {
        name = SipHeaderNames.Canonical(name);
        var at = _headers.FindIndex(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
        Remove(name);
        _headers.Insert(at < 0 ? _headers.Count : Math.Min(at, _headers.Count), new SipHeader(name, value));
    }

    public int Remove(string name)
    {
        name = SipHeaderNames.Canonical(name);
        return _headers.RemoveAll(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Removes the first value of a list header (the top Via of a response we received).</summary>
    public void RemoveFirstValue(string name)
    {
        name = SipHeaderNames.Canonical(name);
        var i = _headers.FindIndex(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
        if (i < 0)
        {
            return;
        }
        var values = new List<string>();
        SipSyntax.TrySplitList(_headers[i].Value, values);
        if (values.Count <= 1)
        {
            _headers.RemoveAt(i);
        }
        else
        {
            _headers[i] = new SipHeader(name, string.Join(", ", values.Skip(1)));
        }
    }

    internal void AddParsed(SipHeader header) => _headers.Add(header);
}

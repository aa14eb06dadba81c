using System.Text;

namespace Appliance.Telephony.Sip.Messages;

/// <summary>
/// An ordered list of <c>;name[=value]</c> parameters (URI or header parameters). Names compare
/// case-insensitively; values keep their quoting so a round trip writes what was read.
/// </summary>
public sealed class SipParameters
{
    private readonly List<KeyValuePair<string, string?>> _items = [];

    public int Count => _items.Count;

    public IReadOnlyList<KeyValuePair<string, string?>> Items => _items;

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value (quotes removed), empty for a flag parameter, null when absent.</summary>
    public string? Get(string name)
    {
        var i = IndexOf(name);
        if (i < 0)
        {
            return null;
        }
        var v = _items[i].Value;
        return v is null ? string.Empty : SipSyntax.Unquote(v);
    }

    /// <summary>Adds or replaces a parameter; a null value writes a flag (<c>;rport</c>).</summary>
    public void Set(string name, string? value)
    {
        var i = IndexOf(name);
        if (i >= 0)
        {
            _items[i] = new(_items[i].Key, value);
        }
        else
        {
            _items.Add(new(name, value));
        }
    }

    public void Remove(string name)
    {
        var i = IndexOf(name);
        if (i >= 0)
        {
            _items.RemoveAt(i);
        }
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Parses text that starts right after the first ';' (e.g. <c>tag=1;lr</c>).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SipParameters parameters)
    {
        parameters = new SipParameters();
        while (!text.IsEmpty)
        {
            var semi = SipSyntax.IndexOfUnquoted(text, ';');
            if (semi == -2)
            {
                return false;
            }
            var part = (semi < 0 ? text : text[..semi]).Trim();
            text = semi < 0 ? [] : text[(semi + 1)..];
            if (part.IsEmpty)
            {
                continue;
            }
            var eq = part.IndexOf('=');
            var name = (eq < 0 ? part : part[..eq]).Trim();
            if (!IsParamNameValid(name))
            {
                return false;
            }
            string? value = null;
            if (eq >= 0)
            {
                var v = part[(eq + 1)..].Trim();
                if (v.IsEmpty || (v[0] == '"' && (v.Length < 2 || v[^1] != '"')))
                {
                    return false;
                }
                value = v.ToString();
            }
            parameters._items.Add(new(name.ToString(), value));
        }
        return true;
    }

    // URI parameters may also carry '[', ']', '/', ':', '&', '$' unescaped (RFC 3261 paramchar).
    private static bool IsParamNameValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!SipSyntax.IsTokenChar(c) && c is not ('[' or ']' or '/' or ':' or '&' or '$'))
            {
                return false;
            }
        }
        return true;
    }

    public void AppendTo(StringBuilder sb)
    {
        foreach (var (key, value) in _items)
        {
            sb.Append(';').Append(key);
            if (value is not null)
            {
                sb.Append('=').Append(value);
            }
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        AppendTo(sb);
        return sb.ToString();
    }
}

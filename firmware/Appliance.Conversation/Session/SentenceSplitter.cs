using System.Text;

namespace Appliance.Conversation.Session;

/// <summary>
/// Cuts streamed LLM text into sentences so speech starts after the first sentence instead of
/// after the whole reply.
/// </summary>
internal sealed class SentenceSplitter
{
    private readonly StringBuilder _pending = new();

    /// <summary>Adds streamed text and returns the sentences it completed.</summary>
    public IEnumerable<string> Add(string text)
    {
        _pending.Append(text);
        var start = 0;
        var result = new List<string>();
        for (var i = 0; i < _pending.Length; i++)
        {
            var c = _pending[i];
            var atEnd = c is '.' or '!' or '?' or '\n' or '。' or '？' or '！';
            // "3.5" or "e.g." is not a sentence end: require a following space or line end.
            if (atEnd && (i + 1 < _pending.Length && char.IsWhiteSpace(_pending[i + 1]) || c == '\n'))
            {
                var sentence = _pending.ToString(start, i + 1 - start).Trim();
                if (sentence.Length > 0)
                {
                    result.Add(sentence);
                }
                start = i + 1;
            }
        }
        _pending.Remove(0, start);
        return result;
    }

    /// <summary>Whatever is left at the end of the reply.</summary>
    public string? Flush()
    {
        var rest = _pending.ToString().Trim();
        _pending.Clear();
        return rest.Length > 0 ? rest : null;
    }
}

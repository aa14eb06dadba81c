using System.Buffers;
using System.Text;
using Appliance.Telephony.Sip.Messages;
using BenchmarkDotNet.Attributes;

namespace Appliance.Benchmarks.Telephony;

/// <summary>
/// Parse + write of a typical INVITE with SDP (one message per operation). Baseline: the obvious
/// string.Split parser into a dictionary and string concatenation back, measured in the same run.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SipMessageBenchmarks
{
    private static readonly byte[] Invite = Encoding.ASCII.GetBytes(
        "INVITE sip:100@192.0.2.10:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK1234;received=192.0.2.2\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:100@example.com>\r\n" +
        "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@192.0.2.1:5060>\r\n" +
        "Record-Route: <sip:p1.example.com;lr>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY\r\n" +
        "Supported: timer, replaces\r\n" +
        "Session-Expires: 1800;refresher=uac\r\n" +
        "User-Agent: Benchmark\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 142\r\n\r\n" +
        "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n");

    private readonly ArrayBufferWriter<byte> _output = new(2048);

    [Benchmark(Baseline = true)]
    public int NaiveSplitParseAndWrite()
    {
        var text = Encoding.ASCII.GetString(Invite);
        var split = text.Split("\r\n\r\n", 2);
        var lines = split[0].Split("\r\n");
        var headers = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var parts = line.Split(':', 2);
            if (!headers.TryGetValue(parts[0].Trim(), out var list))
            {
                headers[parts[0].Trim()] = list = [];
            }
            list.Add(parts[1].Trim());
        }
        var cseq = headers["CSeq"][0].Split(' ');
        var branch = headers["Via"][0].Split(';').First(p => p.StartsWith("branch=", StringComparison.Ordinal));
        var sb = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var (name, values) in headers)
        {
            foreach (var v in values)
            {
                sb.Append(name).Append(": ").Append(v).Append("\r\n");
            }
        }
        sb.Append("\r\n").Append(split[1]);
        return Encoding.ASCII.GetBytes(sb.ToString()).Length + cseq.Length + branch.Length;
    }

    [Benchmark]
    public int ParseAndWrite()
    {
        SipParser.TryParse(Invite, out var message, out _);
        // Touch what the transaction layer reads for every message: branch and CSeq.
        var branch = message!.TopVia!.Branch!;
        var cseq = message.CSeq!.Value;
        _output.ResetWrittenCount();
        SipWriter.Write(message, _output);
        return _output.WrittenCount + branch.Length + (int)cseq.Number;
    }

    [Benchmark]
    public int ParseOnly()
    {
        SipParser.TryParse(Invite, out var message, out _);
        return message!.Headers.Count;
    }
}

using Appliance.Audio.Denoise;
using Appliance.Audio.Mixing;
using Appliance.Audio.Models;
using Appliance.Audio.Vad;
using Appliance.Configuration.Model;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Fallback;
using Appliance.Conversation.Session;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Conversation.Tests.Session;

/// <summary>
/// The session's VAD follows the agent's denoising mode: background-speech cancellation gets the
/// talker-gated classifier, fed the echo-cancelled frame before the denoiser.
/// </summary>
public sealed class VadWiringTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public void The_box_factory_gives_the_talker_gate_only_for_background_speech_cancellation()
    {
        var empty = Directory.CreateTempSubdirectory("no-models-").FullName;
        using var factory = new VadClassifierFactory(new ModelLocator(empty, empty));
        var create = CallSessionServices.VadClassifiers(factory, 8000);

        Assert.IsType<TalkerGatedVad>(create(DenoisingMode.NoiseAndBackgroundSpeechCancellation));
        Assert.IsNotType<TalkerGatedVad>(create(DenoisingMode.NoiseCancellation));
        Assert.IsNotType<TalkerGatedVad>(create(DenoisingMode.Off));
        Directory.Delete(empty);
    }

    [Theory]
    [InlineData(Denoiser.BackgroundSpeechName, DenoisingMode.NoiseAndBackgroundSpeechCancellation, true)]
    [InlineData(Denoiser.NoiseCancellationName, DenoisingMode.NoiseCancellation, false)]
    public async Task The_session_asks_for_its_mode_and_feeds_the_gate_the_frame_before_the_denoiser(string mode, DenoisingMode expected, bool undenoised)
    {
        var spy = new LevelSpyClassifier();
        DenoisingMode? asked = null;
        var line = new MemoryCallLine();
        var services = new CallSessionServices(_time, NullLogger.Instance, m =>
        {
            asked = m;
            return spy;
        }, new SoundLibrary(8000), _ => { });
        var providers = new ProviderChainFactory(new HttpClient(), new EndpointGuards(_time), new ToneSpeech()).ForCall(StageEndpoints.None, null);
        var session = new CallSession(line, new Agent { Name = "vad", WelcomeMessage = "", DenoisingMode = mode, NoInputEndConversationSec = 60 },
            providers, new CallRecord { Id = "vad-1", StartedAt = Start }, services);
        Assert.Equal(expected, asked);

        // Three seconds of steady noise: the denoiser learns it and takes it down; the gate must see it whole.
        var noise = new short[8000 * 3];
        var random = new Random(7);
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = (short)random.Next(-3000, 3000);
        }
        line.Say(noise);
        var run = session.RunAsync();
        for (var frame = 0; frame < 150; frame++)
        {
            if (frame == 100)
            {
                spy.Clear(); // the last second, when the denoiser has converged
            }
            _time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Delay(1);
        }
        line.CallerHangsUp();
        for (var i = 0; i < 50 && !run.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Delay(1);
        }
        await run;
        await session.DisposeAsync();

        var inputDb = 10 * Math.Log10(3000.0 * 3000.0 / 3 / (32768.0 * 32768.0)); // uniform noise power
        Assert.True(spy.Frames > 40, $"the VAD saw {spy.Frames} frames");
        if (undenoised)
        {
            Assert.InRange(spy.LevelDb, inputDb - 1.5, inputDb + 1.5);
        }
        else
        {
            Assert.True(spy.LevelDb < inputDb - 3, $"the VAD heard {spy.LevelDb:0.0} dBFS of {inputDb:0.0} dBFS noise: not denoised");
        }
    }

    /// <summary>A classifier that says "no speech" and measures the mean level of what it was given.</summary>
    private sealed class LevelSpyClassifier : IVoiceActivityClassifier
    {
        private double _energy;
        private int _frames;

        public int SampleRate => 8000;
        public int FrameSamples => 160;
        public int Frames => Volatile.Read(ref _frames);
        public double LevelDb => 10 * Math.Log10(_energy / Math.Max(1, _frames) / 160 / (32768.0 * 32768.0));

        public float Classify(ReadOnlySpan<short> frame)
        {
            foreach (var s in frame)
            {
                _energy += (double)s * s;
            }
            Interlocked.Increment(ref _frames);
            return 0f;
        }

        public void Reset() => Clear();

        public void Clear()
        {
            _energy = 0;
            Volatile.Write(ref _frames, 0);
        }
    }
}

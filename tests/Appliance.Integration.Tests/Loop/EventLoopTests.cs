using System.IO.Pipes;
using Appliance.Daemon;
using Appliance.Daemon.Loop;
using Appliance.Platform.Linux.Loop;
using Appliance.Vrrp;
using Appliance.Vrrp.Events;

namespace Appliance.Integration.Tests.Loop;

/// <summary>The loop's contract with its sources, on real descriptors (a pipe), without root.</summary>
public sealed class EventLoopTests
{
    [Fact]
    public void Readable_sources_are_served_before_due_deadlines_in_the_same_turn()
    {
        using var pipe = new Pipe();
        pipe.MakeReadable();
        var order = new List<string>();
        var loop = new EventLoop();
        var timer = new Source("timer", -1, order) { Due = MonoClock.Now };
        var socket = new Source("socket", pipe.ReadFd, order);
        loop.Register(timer);
        loop.Register(socket);
        loop.Turn();
        Assert.Equal(["socket:read", "timer:deadline"], order);
    }

    [Fact]
    public void A_source_that_is_always_readable_does_not_starve_a_deadline_or_the_observers()
    {
        using var pipe = new Pipe();
        pipe.MakeReadable(); // never drained: level-triggered poll reports it every turn
        var loop = new EventLoop();
        var flood = new Source("flood", pipe.ReadFd, null);
        var timer = new Source("timer", -1, null) { Due = MonoClock.Now, Every = TimeSpan.FromMilliseconds(1) };
        var observer = new Observer();
        loop.Register(flood);
        loop.Register(timer);
        loop.Observe(observer);
        // Turns are bounded by count, not time: the timer must come round while the flood goes on.
        int turns = 0;
        while (timer.Deadlines < 5 && turns < 10_000_000)
        {
            loop.Turn();
            turns++;
        }
        Assert.Equal(5, timer.Deadlines);
        Assert.Equal(turns, flood.Reads);
        Assert.Equal(turns, observer.Turns);
    }

    [Fact]
    public void Sources_registered_and_unregistered_during_a_turn_take_effect_safely()
    {
        var loop = new EventLoop();
        var late = new Source("late", -1, null) { Due = MonoClock.Now };
        Source? added = null;
        var remover = new Source("remover", -1, null) { Due = MonoClock.Now };
        remover.OnDue = () =>
        {
            loop.Unregister(late);
            added = new Source("added", -1, null) { Due = MonoClock.Now };
            loop.Register(added);
        };
        loop.Register(remover);
        loop.Register(late);
        loop.Turn();
        Assert.Equal(0, late.Deadlines);
        Assert.Equal(1, remover.Deadlines);
        Assert.Equal(2, loop.SourceCount);
        loop.Turn();
        Assert.Equal(1, added!.Deadlines);
        Assert.Equal(0, late.Deadlines);
    }

    [Fact]
    public void Many_sources_grow_the_poll_set_and_every_one_is_served()
    {
        using var pipe = new Pipe();
        pipe.MakeReadable();
        var loop = new EventLoop();
        var sources = new List<Source>();
        for (int i = 0; i < 100; i++)
        {
            var s = new Source($"s{i}", i % 2 == 0 ? pipe.ReadFd : -1, null) { Due = i % 2 == 0 ? MonoTime.Never : MonoClock.Now };
            sources.Add(s);
            loop.Register(s);
        }
        loop.Turn();
        for (int i = 0; i < 100; i++)
            Assert.Equal(1, i % 2 == 0 ? sources[i].Reads : sources[i].Deadlines);
    }

    [Fact]
    public void Stop_ends_the_run_after_the_current_source()
    {
        var loop = new EventLoop();
        var stopper = new Source("stopper", -1, null) { Due = MonoClock.Now };
        stopper.OnDue = loop.Stop;
        loop.Register(stopper);
        loop.Run();
        Assert.Equal(1, loop.Turns);
    }

    private sealed class Source(string name, int fd, List<string>? order) : ILoopSource
    {
        public string Name { get; } = name;

        public int PollFd { get; } = fd;

        public MonoTime Due { get; set; } = MonoTime.Never;

        public TimeSpan? Every { get; init; }

        public Action? OnDue { get; set; }

        public MonoTime NextDeadline => Due;

        public int Reads { get; private set; }

        public int Deadlines { get; private set; }

        public void OnReadable(MonoTime now)
        {
            Reads++;
            order?.Add(Name + ":read");
        }

        public void OnDeadline(MonoTime now)
        {
            Deadlines++;
            order?.Add(Name + ":deadline");
            Due = Every is { } e ? now.AddNanoseconds(e.Ticks * 100) : MonoTime.Never;
            OnDue?.Invoke();
        }
    }

    private sealed class Observer : ILoopObserver
    {
        public int Turns { get; private set; }

        public void OnLoopStarted(MonoTime now)
        {
        }

        public void OnLoopTurn(MonoTime now, bool socketsAlive) => Turns++;

        public void OnLoopStopped(bool clean)
        {
        }
    }

    /// <summary>An anonymous pipe whose read end the loop polls.</summary>
    private sealed class Pipe : IDisposable
    {
        private readonly AnonymousPipeServerStream _writer = new(PipeDirection.Out);
        private readonly AnonymousPipeClientStream _reader;

        public Pipe() => _reader = new AnonymousPipeClientStream(PipeDirection.In, _writer.ClientSafePipeHandle);

        public int ReadFd => (int)_reader.SafePipeHandle.DangerousGetHandle();

        public void MakeReadable()
        {
            _writer.WriteByte(1);
            _writer.Flush();
        }

        public void Dispose()
        {
            _reader.Dispose();
            _writer.Dispose();
        }
    }
}

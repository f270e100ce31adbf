using Viz.Simulation.Core;
using Viz.Simulation.Host;
using Viz.Simulation.Virtio;

namespace Viz.Simulation.Tests.Host;

/// <summary>QEMU hw/virtio/virtio-balloon.c: virtio_balloon_free_page_start/stop/done, get_free_page_hints, get_config.</summary>
public sealed class HintStateMachineTests
{
    private readonly RecordingObserver _observer = new();
    private readonly HintStateMachine _hints;

    public HintStateMachineTests()
    {
        _hints = new HintStateMachine(new EventScheduler(), new EventBus(), _observer);
    }

    [Fact]
    public void The_first_run_id_is_CMD_ID_MIN_plus_one_and_start_requests_with_a_config_interrupt()
    {
        _hints.Start();

        Assert.Equal(0x80000001u, _hints.CmdId);
        Assert.Equal(HintStatus.Requested, _hints.Status);
        Assert.Equal(1, _observer.Interrupts);
    }

    [Fact]
    public void Free_page_start_wraps_from_0xffffffff_to_CMD_ID_MIN()
    {
        _hints.Restore(uint.MaxValue, HintStatus.Stop);

        _hints.Start();

        Assert.Equal(HintStateMachine.CmdIdMin, _hints.CmdId);
    }

    [Fact]
    public void Get_config_shows_the_id_while_REQUESTED_STOP_while_START_and_DONE_while_DONE()
    {
        Assert.Equal(HintCommandIds.Stop, _hints.ConfigCmdId);
        _hints.Start();
        Assert.Equal(_hints.CmdId, _hints.ConfigCmdId);
        _hints.OnCommandId(_hints.CmdId);
        Assert.Equal(HintStatus.Start, _hints.Status);
        Assert.Equal(HintCommandIds.Stop, _hints.ConfigCmdId);
        _hints.Done();
        Assert.Equal(HintCommandIds.Done, _hints.ConfigCmdId);
    }

    [Fact]
    public void A_stale_id_while_REQUESTED_does_not_start_the_run()
    {
        _hints.Start();
        _hints.Start();

        _hints.OnCommandId(0x80000001);

        Assert.Equal(HintStatus.Requested, _hints.Status);
    }

    [Fact]
    public void Any_id_while_START_stops_the_run_without_a_config_interrupt()
    {
        _hints.Start();
        _hints.OnCommandId(_hints.CmdId);
        int interrupts = _observer.Interrupts;

        _hints.OnCommandId(HintCommandIds.Stop);

        Assert.Equal(HintStatus.Stop, _hints.Status);
        Assert.Equal(interrupts, _observer.Interrupts);
    }

    [Fact]
    public void Hints_reach_the_hook_only_while_START()
    {
        List<(int Pfn, int Pages)> received = _observer.Accepted;

        _hints.OnHint(0, 1024);
        _hints.Start();
        _hints.OnHint(1024, 1024);
        _hints.OnCommandId(_hints.CmdId);
        _hints.OnHint(2048, 1024);
        _hints.Stop();
        _hints.OnHint(3072, 1024);

        Assert.Equal([(2048, 1024)], received);
        Assert.Equal(1, _hints.AcceptedHints);
        Assert.Equal(3, _hints.IgnoredHints);
    }

    [Fact]
    public void Stop_and_done_are_idempotent_and_interrupt_only_on_a_change()
    {
        _hints.Stop();
        _hints.Done();
        _hints.Done();

        Assert.Equal(1, _observer.Interrupts);
    }

    private sealed class RecordingObserver : IHintStateObserver
    {
        public int Interrupts { get; private set; }

        public List<(int Pfn, int Pages)> Accepted { get; } = [];

        public void OnHintStatusChanged()
        {
        }

        public void OnHintConfigInterrupt() => Interrupts++;

        public void OnHintAccepted(int pfn, int pages) => Accepted.Add((pfn, pages));
    }
}


namespace Viz.Simulation.Host;

/// <summary>Who the host's free page hint state machine tells about its changes (the balloon device it belongs to).</summary>
public interface IHintStateObserver
{
    /// <summary>
    /// The status changed: what get_config returns in free_page_hint_cmd_id may have changed, with or without a config
    /// interrupt (REQUESTED → START changes it silently).
    /// </summary>
    void OnHintStatusChanged();

    /// <summary>The device must send a config interrupt (virtio_notify_config).</summary>
    void OnHintConfigInterrupt();

    /// <summary>A hinted range was received while START for the current id: first page and page count.</summary>
    void OnHintAccepted(int pfn, int pages);
}


namespace Viz.Simulation.Host;

/// <summary>QEMU's free_page_hint_status (include/hw/virtio/virtio-balloon.h FREE_PAGE_HINT_S_*).</summary>
public enum HintStatus
{
    /// <summary>FREE_PAGE_HINT_S_STOP: hints are not wanted; the guest reads CMD_ID_STOP.</summary>
    Stop = 0,

    /// <summary>FREE_PAGE_HINT_S_REQUESTED: a new run id was published; the guest reads that id.</summary>
    Requested = 1,

    /// <summary>FREE_PAGE_HINT_S_START: the guest echoed the id; hints are used. The guest reads 0.</summary>
    Start = 2,

    /// <summary>FREE_PAGE_HINT_S_DONE: the host no longer needs the hinted pages; the guest reads CMD_ID_DONE.</summary>
    Done = 3,
}

"""Window sizes that fit the screen: the main window's first start, and a dialog's size on a small screen."""

from __future__ import annotations

# the window of a first start, and in it the region tree (wide enough for "温州市  9/12 已审核"), the form and
# the findings
WINDOW_SIZE = (1360, 860)
PANE_WIDTHS = (250, 800, 310)
# what a window manager's title bar and borders take around a window, at the most (a maximised window has none)
FRAME_ROOM = 48


def first_size(room_width: int, room_height: int) -> tuple[tuple[int, int], bool, tuple[int, int, int]]:
    """((width, height), maximised, the panes' widths) of the window's first start on a screen whose free area
    is room_width × room_height: WINDOW_SIZE where it fits with the window's frame, else maximised (an office
    PC's 1024 × 768, a 1366 × 768 laptop: the status bar and the findings stay in view), no larger than the room
    for a desktop without a window manager; on a narrower screen the tree and the findings narrower in step, so
    that the form keeps its columns."""
    width, height = WINDOW_SIZE
    if room_width >= width + FRAME_ROOM and room_height >= height + FRAME_ROOM:
        return (width, height), False, PANE_WIDTHS
    size = (min(width, room_width), min(height, room_height))
    tree, _form, findings = (round(w * size[0] / width) for w in PANE_WIDTHS)
    return size, True, (tree, size[0] - tree - findings, findings)


def resize_within_screen(widget, width: int, height: int) -> None:
    """widget.resize(width, height), no larger than the free area of the screen it opens on with its frame (a
    dialog of 1100 × 640 on an office PC's 1024 × 768)."""
    room = widget.screen().availableGeometry()
    widget.resize(min(width, room.width() - FRAME_ROOM // 2), min(height, room.height() - FRAME_ROOM))

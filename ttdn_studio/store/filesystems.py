"""Which filesystem a project lives on, and refusing the ones SQLite cannot share safely.

A project database runs in SQLite's WAL mode, whose shared-memory index only works
when every program that opens the file runs on the same machine. On an NFS, SMB/CIFS
or other network share (and on FUSE mounts such as sshfs) two desks on two machines
would each believe they hold the lock, and the database can be damaged. The
supported way for several people to work on one project is the projects folder on
the server's local disk, with people working there over SSH or through
``ttdn serve`` in a browser.

The filesystem type is read from ``/proc/self/mountinfo`` (Linux): the mount whose
mount point is the longest prefix of the project's resolved path.
"""

from __future__ import annotations

from pathlib import Path

from ttdn_studio.errors import ProjectError

MOUNTINFO = Path("/proc/self/mountinfo")

NETWORK_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "9p",
        "davfs",
        "sshfs",
        "fuse",
        "fuseblk",
    }
)
# FUSE filesystems known to be local (the container's own overlay, for one).
LOCAL_FUSE = frozenset({"fuse.fuse-overlayfs", "fuse-overlayfs", "fuse.lxcfs"})


def _unescape(field: str) -> str:
    """Mount points in mountinfo escape space, tab, newline and backslash as octal."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def filesystem_type(path: Path, mountinfo: str | None = None) -> str | None:
    """The type of the filesystem ``path`` is on (``ext4``, ``nfs4``…), or ``None`` if unknown."""
    if mountinfo is None:
        try:
            mountinfo = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = str(Path(path).resolve())
    best, best_len = None, -1
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if not sep or len(fields) < 5 or not tail:
            continue
        point = _unescape(fields[4])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > best_len:  # later mounts over the same point win (>=)
            best, best_len = tail[0], len(point)
        elif inside and len(point) == best_len:
            best = tail[0]
    return best


def is_network(fstype: str) -> bool:
    if fstype in LOCAL_FUSE:
        return False
    return fstype in NETWORK_TYPES or fstype.startswith("fuse.") or fstype.startswith("nfs")


def refuse_network_filesystem(path: Path, mountinfo: str | None = None) -> None:
    """Raise a clear :class:`ProjectError` when ``path`` is on a network or FUSE share."""
    fstype = filesystem_type(path, mountinfo)
    if fstype is not None and is_network(fstype):
        raise ProjectError(
            f"the project is on a network or shared filesystem ({fstype}), where its"
            " database could be damaged when two machines open it; keep projects on the"
            " server's local disk and work there over SSH or with `ttdn serve`",
            file=path,
        )
